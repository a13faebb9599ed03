import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as countingBodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../env.ts';

/**
 * Refuses bodies over `maxSize` bytes (or the size it gives for the request's
 * path). A declared Content-Length is checked without touching the body,
 * which keeps @hono/node-server's direct body reading (no web streams) for the
 * request; only a chunked body, whose size is known once read, goes through
 * hono's counting reader.
 */
export function bodyLimit(
  limit: number | ((path: string) => number),
  onError: (c: Context<AppEnv>) => Response,
): MiddlewareHandler<AppEnv> {
  const limitOf = typeof limit === 'number' ? () => limit : limit;
  const counters = new Map<number, ReturnType<typeof countingBodyLimit>>();
  const countingUpTo = (maxSize: number) => {
    const known = counters.get(maxSize);
    if (known) return known;
    const counting = countingBodyLimit({ maxSize, onError });
    counters.set(maxSize, counting);
    return counting;
  };
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const maxSize = limitOf(c.req.path);
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return countingUpTo(maxSize)(c, next);
    if (!/^\d+$/.test(length) || Number(length) > maxSize) return onError(c);
    return next();
  };
}
