import { Hono, type Context } from 'hono';
import type { Locale } from '../../../i18n/index.ts';
import type { Logger } from '../../../logging/logger.ts';
import { SEARCH_FIELDS, SEARCH_MODES, type ArchivePage, type ArchiveService } from '../../../services/archive-service.ts';
import { FreshValue } from '../../../services/fast-lane/fresh-value.ts';
import type { KeptPages } from '../../../services/fast-lane/kept-pages.ts';
import { HTML_TYPE } from '../../answers.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';
import { PreparedPage } from '../../fast-lane/prepared-page.ts';
import { type DataVersion, prepareResponse, servePrepared, serveRendered } from '../../fast-lane/prepared-response.ts';
import type { PreparedRoutes } from '../../fast-lane/prepared-routes.ts';
import { dayPage, featuredPage, latestPage, searchPage, type ArchiveView } from './views/archive-html.ts';
import { EntryCache } from './views/entry-cache.ts';
import { KeptDayPages } from './kept-day-pages.ts';

const CACHE_CONTROL = 'public, max-age=30';
/** The first pages of the latest and the selection change as declarations are published: read at most about once a second. */
const FIRST_PAGE_MS = 1000;
/**
 * Rendered list entries kept between pages: some 4,000 entries of about 1 KB, two hundred pages'
 * worth. Small on purpose: a larger one did not stay warm under pages spread over the whole history
 * (each is read once a round), and every megabyte kept in V8's old space is two of RSS
 * (docs/performance.md, "Public pages rendered per request").
 */
const ENTRY_CACHE_BYTES = 4 << 20;

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
 * arrive, are read once a second and served prepared; the others are rendered
 * per request from template strings and kept entries, and sent as bytes.
 */
export function archiveRoutes(
  archive: ArchiveService,
  timeZone: string,
  prepared: PreparedRoutes,
  keptPages: { pages: KeptPages; version: DataVersion },
  clock: () => number,
  logger: Logger,
): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const entries = new EntryCache(ENTRY_CACHE_BYTES);
  const view = (locale: Locale, today: string): ArchiveView => ({ locale, today, timeZone, entries });
  const viewOf = (c: Context<AppEnv>) => view(c.get('locale'), archive.today());
  const firstPage = (name: string, read: () => Promise<ArchivePage>) =>
    new FreshValue<FirstPage>(async () => ({ page: await read(), today: archive.today() }), FIRST_PAGE_MS, { name, logger, clock });
  const html = (page: string) => prepareResponse(page, HTML_TYPE, CACHE_CONTROL);
  const latest = new PreparedPage(
    firstPage("the archive's first page", () => archive.latest()),
    (locale, { page, today }) => html(latestPage(view(locale, today), page, undefined)),
  );
  const featured = new PreparedPage(
    firstPage("the selection's first page", () => archive.featured()),
    (locale, { page, today }) => html(featuredPage(view(locale, today), page, undefined)),
  );
  latest.serveAt(prepared, '/declarations');
  featured.serveAt(prepared, '/featured');

  routes.get('/declarations', async (c) => {
    const cursor = cursorOf(c);
    if (cursor === undefined) return servePrepared(c, await latest.get(c.get('locale')));
    const page = await archive.latest({ before: cursor });
    return serveRendered(latestPage(viewOf(c), page, cursor), HTML_TYPE, CACHE_CONTROL);
  });

  const keptDays = new KeptDayPages(keptPages.pages, keptPages.version, () => archive.today(), CACHE_CONTROL);
  keptDays.serveAt(prepared);
  routes.get('/days/:day', async (c) => {
    const day = c.req.param('day');
    const cursor = cursorOf(c);
    const locale = c.get('locale');
    const today = archive.today();
    const key = cursor === undefined ? keptDays.keyOf(locale, day, today) : undefined;
    const stamp = key === undefined ? undefined : await keptDays.stamp(today);
    const kept = key !== undefined && stamp !== undefined ? keptDays.find(key, stamp) : undefined;
    if (kept) return servePrepared(c, kept);
    const result = await archive.byDay(day, { before: cursor });
    if (!result.ok) return respondError(c, 404, 'request.notFound');
    const html = dayPage(view(locale, today), day, result.value, cursor);
    if (key !== undefined && stamp !== undefined && result.value.items.length > 0) return servePrepared(c, keptDays.keep(key, stamp, html));
    return serveRendered(html, HTML_TYPE, CACHE_CONTROL);
  });

  routes.get('/featured', async (c) => {
    const cursor = cursorOf(c);
    if (cursor === undefined) return servePrepared(c, await featured.get(c.get('locale')));
    const page = await archive.featured({ before: cursor });
    return serveRendered(featuredPage(viewOf(c), page, cursor), HTML_TYPE, CACHE_CONTROL);
  });

  routes.get('/search', async (c) => {
    const q = c.req.query('q') ?? '';
    const field = oneOf(SEARCH_FIELDS, c.req.query('field'), 'alias');
    const mode = oneOf(SEARCH_MODES, c.req.query('mode'), 'exact');
    const cursor = cursorOf(c);
    // An empty box is the form alone, not an error.
    const outcome = q.trim() === '' ? null : await archive.search({ q, field, mode, before: cursor });
    // A query that cannot be searched is the form again with its problem, as the API's 422.
    const status = outcome === null || outcome.ok ? 200 : 422;
    return serveRendered(searchPage(viewOf(c), { q, field, mode, cursor, outcome }), HTML_TYPE, CACHE_CONTROL, status);
  });

  return routes;
}
