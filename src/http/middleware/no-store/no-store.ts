import type { MiddlewareHandler } from 'hono';
import { NO_STORE } from '../../answers.ts';

/** For pages that hold secrets or a person's unsent words: no cache, no back-button copy. */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // In place: c.header() after the handler would rebuild the response as a stream.
    c.res.headers.set('Cache-Control', NO_STORE);
  };
}
