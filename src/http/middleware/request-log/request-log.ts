import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../../logging/logger.ts';
import type { AppEnv } from '../../env.ts';
import { isPrepared } from '../../fast-lane/prepared-response.ts';

const SLOW_REQUEST_MS = 1000;

/**
 * Gives each request an id and logs method, route, status and duration:
 * every request at debug level, slow ones (over a second) as warnings.
 * Deliberately nothing else: no address, no user agent, no query string.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    const ms = performance.now() - started;
    // Prepared responses are shared and carry no per-request header.
    // Set on the response in place: c.header() after the handler would rebuild the response as a stream.
    if (!isPrepared(c.res)) c.res.headers.set('X-Request-Id', requestId);
    // Errors are logged where they happen; at the default level only slow requests are.
    const level = ms < SLOW_REQUEST_MS ? 'debug' : 'warn';
    if (!logger.isLevelEnabled(level)) return;
    logger[level](
      {
        requestId,
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(ms * 10) / 10,
      },
      level === 'debug' ? 'request' : 'slow request',
    );
  };
}
