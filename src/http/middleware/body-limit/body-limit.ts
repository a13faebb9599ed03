import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as countingBodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../env.ts';

/**
 * Refuses bodies over `maxSize` bytes. A declared Content-Length is checked
 * without touching the body, which keeps @hono/node-server's direct body
 * reading (no web streams) for the request; only a chunked body, whose size is
 * known once read, goes through hono's counting reader.
 */
export function bodyLimit(maxSize: number, onError: (c: Context<AppEnv>) => Response): MiddlewareHandler<AppEnv> {
  const counting = countingBodyLimit({ maxSize, onError });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counting(c, next);
    if (!/^\d+$/.test(length) || Number(length) > maxSize) return onError(c);
    return next();
  };
}
