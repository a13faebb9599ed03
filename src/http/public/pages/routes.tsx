import { Hono } from 'hono';
import type { ArchiveItem, ArchiveService } from '../../../services/archive-service.ts';
import type { CounterService } from '../../../services/counter-service.ts';
import type { DeclarationService } from '../../../services/declaration-service.ts';
import type { LogService } from '../../../services/log/log-service.ts';
import { FreshValue } from '../../../services/fast-lane/fresh-value.ts';
import type { PublicChanges } from '../../../services/fast-lane/public-changes.ts';
import { normalizeRegistrationNumber } from '../../../domain/declaration/registration-number.ts';
import { LOCALES, type Locale } from '../../../i18n/index.ts';
import type { Logger } from '../../../logging/logger.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';
import { type DataVersion, PreparedByInputs, PreparedLru, prepareResponse, servePrepared } from '../../fast-lane/prepared-response.ts';
import type { PreparedRoutes } from '../../fast-lane/prepared-routes.ts';
import { HTML_TYPE } from '../../answers.ts';
import { pageProps } from '../../render.ts';
import { declarationPageHtml } from './views/declaration-html.tsx';
import { HomePage } from './views/home-page.tsx';

const HOME_LIST_SIZE = 5;
const HOME_LISTS_MS = 1000;
/** Rendered permalinks kept in memory (what they weigh: docs/performance.md). */
const PERMALINK_PAGES = 2000;
const PERMALINK_PATH = new RegExp(`^/(${LOCALES.join('|')})/declarations/(\\d{16})$`);

interface HomeLists {
  latest: ArchiveItem[];
  featured: ArchiveItem[];
}

export function pageRoutes(
  declarations: DeclarationService,
  counter: CounterService,
  archive: ArchiveService,
  publicChanges: PublicChanges,
  publicPagesVersion: DataVersion,
  prepared: PreparedRoutes,
  timeZone: string,
  clock: () => number,
  logger: Logger,
  log: LogService,
  publicUrl: string,
) {
  const routes = new Hono<AppEnv>();
  // The home page's lists change no faster than the counter: read them at most about once a second.
  const homeLists = new FreshValue<HomeLists>(
    () =>
      Promise.all([archive.latest({ limit: HOME_LIST_SIZE }), archive.featured({ limit: HOME_LIST_SIZE })]).then(([latest, featured]) => ({
        latest: latest.items,
        featured: featured.items,
      })),
    HOME_LISTS_MS,
    { name: 'home lists', logger, clock },
  );

  // The busiest page: rendered once per locale each time the counter or the lists change, then served as is.
  const homePages = new PreparedByInputs<Locale>();
  routes.get('/', async (c) => {
    const [snapshot, lists] = await Promise.all([counter.read(), homeLists.get()]);
    const page = homePages.get(c.get('locale'), [snapshot, lists], () => {
      const html = <HomePage {...pageProps(c)} counter={snapshot} latest={lists.latest} featured={lists.featured} />;
      return prepareResponse(`<!doctype html>${html.toString()}`, HTML_TYPE, 'public, max-age=5');
    });
    return servePrepared(c, page);
  });
  for (const locale of LOCALES) {
    // The page rendered above, without the router, while neither the counter nor the lists are due again.
    const peek = () => {
      const snapshot = counter.current();
      const lists = homeLists.current();
      return snapshot && lists && homePages.peek(locale, [snapshot, lists]);
    };
    prepared.add(`/${locale}`, peek);
    prepared.add(`/${locale}/`, peek);
  }

  // Kept pages are served while no published declaration changed; after a change, each page's row is read
  // again when next asked for, and the page is rendered again only if its row differs.
  const permalinks = new PreparedLru<string>(PERMALINK_PAGES, publicPagesVersion, async (key) => {
    const [locale, number] = key.split('|') as [Locale, string];
    const declaration = await declarations.getPublished(number);
    const proof = declaration ? await log.permalinkProof(number) : undefined;
    return (
      declaration && {
        // Its leaf and salt, not the proof: a kept page's proof stays true of the checkpoint it names.
        fingerprint: JSON.stringify([declaration, proof?.leafIndex, proof?.salt]),
        render: () =>
          prepareResponse(declarationPageHtml({ locale, declaration, timeZone, proof, publicUrl }), HTML_TYPE, 'public, max-age=60'),
      }
    );
  });
  publicChanges.subscribe((numbers) => {
    for (const number of numbers) for (const locale of LOCALES) permalinks.delete(`${locale}|${number}`);
  });
  routes.get('/declarations/:registrationNumber', async (c) => {
    const number = normalizeRegistrationNumber(c.req.param('registrationNumber'));
    if (number === null) return respondError(c, 404, 'request.notFound');
    const key = `${c.get('locale')}|${number}`;
    const page = permalinks.fresh(key) ?? (await permalinks.read(key));
    return page ? servePrepared(c, page) : respondError(c, 404, 'request.notFound');
  });
  // A kept page, without the router, while it is current; any other spelling of the number goes the long way.
  prepared.addPattern(PERMALINK_PATH, (match) => permalinks.fresh(`${match[1]}|${match[2]}`));
  return routes;
}
