import { Hono, type Context } from 'hono';
import { catalogFor } from '../../../i18n/index.ts';
import type { Logger } from '../../../logging/logger.ts';
import { SEARCH_FIELDS, SEARCH_MODES, type ArchivePage, type ArchiveService } from '../../../services/archive-service.ts';
import { FreshValue } from '../../../services/fast-lane/fresh-value.ts';
import { HTML_TYPE } from '../../answers.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';
import { PreparedPage } from '../../fast-lane/prepared-page.ts';
import { prepareResponse, servePrepared } from '../../fast-lane/prepared-response.ts';
import type { PreparedRoutes } from '../../fast-lane/prepared-routes.ts';
import { pageProps, renderPage } from '../../render.ts';
import { DayPage, FeaturedPage, LatestPage, SearchPage } from './views/archive-pages.tsx';

const CACHE_CONTROL = 'public, max-age=30';
/** The first pages of the latest and the selection change as declarations are published: read at most about once a second. */
const FIRST_PAGE_MS = 1000;

function cursorOf(c: Context<AppEnv>): string | undefined {
  const cursor = c.req.query('cursor');
  return cursor === undefined || cursor === '' ? undefined : cursor;
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined, fallback: T): T {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

interface FirstPage {
  page: ArchivePage;
  today: string;
}

/**
 * The public archive, mounted under each locale prefix: GET /declarations,
 * /days/:day, /featured and /search. Every page works without JavaScript and is
 * cacheable for 30 seconds (the lists change as declarations are published).
 * The first pages of /declarations and /featured, where crawlers and readers
 * arrive, are read once a second and served prepared.
 */
export function archiveRoutes(
  archive: ArchiveService,
  timeZone: string,
  prepared: PreparedRoutes,
  clock: () => number,
  logger: Logger,
): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const firstPage = (name: string, read: () => Promise<ArchivePage>) =>
    new FreshValue<FirstPage>(async () => ({ page: await read(), today: archive.today() }), FIRST_PAGE_MS, { name, logger, clock });
  const html = (page: { toString(): string }) => prepareResponse(`<!doctype html>${page.toString()}`, HTML_TYPE, CACHE_CONTROL);
  const latest = new PreparedPage(
    firstPage("the archive's first page", () => archive.latest()),
    (locale, { page, today }) =>
      html(<LatestPage locale={locale} t={catalogFor(locale)} timeZone={timeZone} today={today} page={page} cursor={undefined} />),
  );
  const featured = new PreparedPage(
    firstPage("the selection's first page", () => archive.featured()),
    (locale, { page, today }) =>
      html(<FeaturedPage locale={locale} t={catalogFor(locale)} timeZone={timeZone} today={today} page={page} cursor={undefined} />),
  );
  latest.serveAt(prepared, '/declarations');
  featured.serveAt(prepared, '/featured');

  routes.get('/declarations', async (c) => {
    const cursor = cursorOf(c);
    if (cursor === undefined) return servePrepared(c, await latest.get(c.get('locale')));
    const page = await archive.latest({ before: cursor });
    c.header('Cache-Control', CACHE_CONTROL);
    return renderPage(c, <LatestPage {...pageProps(c)} timeZone={timeZone} today={archive.today()} page={page} cursor={cursor} />);
  });

  routes.get('/days/:day', async (c) => {
    const day = c.req.param('day');
    const cursor = cursorOf(c);
    const result = await archive.byDay(day, { before: cursor });
    if (!result.ok) return respondError(c, 404, 'request.notFound');
    c.header('Cache-Control', CACHE_CONTROL);
    return renderPage(
      c,
      <DayPage {...pageProps(c)} timeZone={timeZone} day={day} today={archive.today()} page={result.value} cursor={cursor} />,
    );
  });

  routes.get('/featured', async (c) => {
    const cursor = cursorOf(c);
    if (cursor === undefined) return servePrepared(c, await featured.get(c.get('locale')));
    const page = await archive.featured({ before: cursor });
    c.header('Cache-Control', CACHE_CONTROL);
    return renderPage(c, <FeaturedPage {...pageProps(c)} timeZone={timeZone} today={archive.today()} page={page} cursor={cursor} />);
  });

  routes.get('/search', async (c) => {
    const q = c.req.query('q') ?? '';
    const field = oneOf(SEARCH_FIELDS, c.req.query('field'), 'alias');
    const mode = oneOf(SEARCH_MODES, c.req.query('mode'), 'exact');
    const cursor = cursorOf(c);
    // An empty box is the form alone, not an error.
    const outcome = q.trim() === '' ? null : await archive.search({ q, field, mode, before: cursor });
    c.header('Cache-Control', CACHE_CONTROL);
    // A query that cannot be searched is the form again with its problem, as the API's 422.
    const status = outcome === null || outcome.ok ? 200 : 422;
    return renderPage(
      c,
      <SearchPage
        {...pageProps(c)}
        timeZone={timeZone}
        today={archive.today()}
        q={q}
        field={field}
        mode={mode}
        cursor={cursor}
        outcome={outcome}
      />,
      status,
    );
  });

  return routes;
}
