import type { Context, MiddlewareHandler } from 'hono';
import type { SwitchName } from '../../../domain/flood/switches.ts';
import type { ErrorCode } from '../../../i18n/index.ts';
import type { Switches } from '../../../services/flood/switches-service.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';

// Compiled once: the middleware runs on every request the app sees.
const FORM = /^\/[a-z]{2}(?:-[a-z]+)?\/declare\/?$/;
const MESSAGES = /^\/[a-z]{2}(?:-[a-z]+)?\/(?:support|contact)\/?$/;
const SEARCH = /^\/[a-z]{2}(?:-[a-z]+)?\/search\/?$/;
const STATISTICS = /^\/[a-z]{2}(?:-[a-z]+)?\/statistics\/?$/;

/** What each switch turns off: the pages and API routes of its feature, nothing else. */
const FEATURES: readonly { name: SwitchName; matches: (c: Context) => boolean; code: ErrorCode }[] = [
  {
    name: 'submissions',
    // The form and its post, the API's post and challenges; a receipt page of a filed submission still shows.
    matches: (c) =>
      FORM.test(c.req.path) || (c.req.method === 'POST' && c.req.path === '/api/v1/declarations') || c.req.path === '/api/v1/challenge',
    code: 'feature.submissionsOff',
  },
  { name: 'support', matches: (c) => MESSAGES.test(c.req.path), code: 'feature.supportOff' },
  {
    name: 'search',
    matches: (c) => SEARCH.test(c.req.path) || (c.req.path === '/api/v1/declarations' && !!c.req.query('q')),
    code: 'feature.searchOff',
  },
  {
    name: 'statistics',
    matches: (c) => STATISTICS.test(c.req.path) || c.req.path.startsWith('/api/v1/stats/'),
    code: 'feature.statisticsOff',
  },
];

/**
 * The kill switches at the door (docs/security.md, "Kill switches"): a feature switched off answers
 * 503 with Retry-After and a page (or the API's JSON) in the reader's language that says so. Nothing
 * behind it runs, so nothing is written or lost; everything stored stays as it was. A request for
 * anything else costs a few string tests.
 */
export function killSwitches(switches: Pick<Switches, 'current'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const feature = FEATURES.find((candidate) => candidate.matches(c));
    if (!feature || (await switches.current())[feature.name]) return next();
    c.header('Retry-After', '600');
    return respondError(c, 503, feature.code);
  };
}
