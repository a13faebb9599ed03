import type { MiddlewareHandler } from 'hono';

/** For pages that hold secrets or a person's unsent words: no cache, no back-button copy. */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  };
}
