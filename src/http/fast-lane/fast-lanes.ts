import type { RequestListener } from 'node:http';
import type { Logger } from '../../logging/logger.ts';
import type { DeclarationService } from '../../services/declaration-service.ts';
import { preparedFirst, type PreparedRoutes } from './prepared-routes.ts';
import { submissionsFirst } from './submission-lane.ts';

/**
 * The fast lanes: the busiest requests, answered by the node request listener
 * before hono sees them, and everything else handed to `fallback` (the app).
 *
 * - Prepared GETs (prepared-routes.ts, prepared-response.ts): the counter, the
 *   home pages, kept permalinks, served from the response their hono route
 *   prepared, while its peek says the route would serve it unchanged.
 * - Submissions valid as sent (submission-lane.ts): the API's and the form's.
 *
 * The contract every lane keeps:
 * - The same answer as hono's path: status, headers and body, byte for byte.
 *   test/http/prepared-routes.test.ts and submission-lane.test.ts compare the
 *   two over real HTTP; they are the gate for any change here.
 * - One source for what both paths send: security headers from
 *   middleware/security-headers/policy.ts, body limit, content types, cache
 *   and Vary values, the request's locale and failure answers from answers.ts,
 *   error bodies from errors.tsx, form fields from public/declare/form-fields.ts.
 * - A lane takes only what it can answer exactly as the app would; anything
 *   else (HEAD, a query string, another spelling, a body it cannot take as
 *   sent) goes the long way, the body already read handed over as `rawBody`.
 * - Nothing about who sent a request is logged or kept.
 * - What keeps prepared answers current lives in the services layer
 *   (services/fast-lane/): FreshValue re-reads a value before it expires, and
 *   PublicChanges drops pages this process changed.
 * - Their cost is measured by `npm run bench` (docs/performance.md).
 */
export function fastLanesFirst(
  prepared: PreparedRoutes,
  declarations: DeclarationService,
  fallback: RequestListener,
  logger: Logger,
): RequestListener {
  return preparedFirst(prepared, submissionsFirst(declarations, fallback, logger), logger);
}
