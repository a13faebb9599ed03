import { Hono } from 'hono';
import type { HistoryService } from '../../../services/history/history-service.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';
import { negotiatedLocale } from '../../middleware/locale/locale.ts';

/** A legacy id as the old site wrote it in its links: digits, no leading zero. */
const LEGACY_ID = /^[1-9]\d{0,14}$/;

/**
 * The previous site's links that are kept (docs/history.md, "Old links"): its permalink of a post,
 * /index/showpost/id/N, answers 301 to the imported statement's permalink in the reader's language
 * (from Accept-Language, as / does), and a localized 404 for an id no imported statement holds.
 */
export function legacyLinkRoutes(history: Pick<HistoryService, 'legacyPermalink'>) {
  const routes = new Hono<AppEnv>();
  routes.get('/index/showpost/id/:id', negotiatedLocale(), async (c) => {
    const id = c.req.param('id');
    const number = LEGACY_ID.test(id) ? await history.legacyPermalink(Number(id)) : null;
    if (number === null) return respondError(c, 404, 'request.notFound');
    // Cacheable: the answer depends on the id and the language only (Vary: Accept-Language).
    c.header('Cache-Control', 'public, max-age=3600');
    return c.redirect(`/${c.get('locale')}/declarations/${number}`, 301);
  });
  return routes;
}
