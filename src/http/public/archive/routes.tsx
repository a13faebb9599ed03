import { Hono, type Context } from 'hono';
import { SEARCH_FIELDS, SEARCH_MODES, type ArchiveService } from '../../../services/archive-service.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';
import { pageProps, renderPage } from '../../render.ts';
import { DayPage, FeaturedPage, LatestPage, SearchPage } from './views/archive-pages.tsx';

const CACHE_CONTROL = 'public, max-age=30';

function cursorOf(c: Context<AppEnv>): string | undefined {
  const cursor = c.req.query('cursor');
  return cursor === undefined || cursor === '' ? undefined : cursor;
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined, fallback: T): T {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

/**
 * The public archive, mounted under each locale prefix: GET /declarations,
 * /days/:day, /featured and /search. Every page works without JavaScript and is
 * cacheable for 30 seconds (the lists change as declarations are published).
 */
export function archiveRoutes(archive: ArchiveService, timeZone: string): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/declarations', async (c) => {
    const cursor = cursorOf(c);
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
