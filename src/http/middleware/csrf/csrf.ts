import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env.ts';

export const CSRF_FIELD = '_csrf';

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * For every console POST: the browser must say the request comes from this
 * site, and a signed-in request must carry its session's token in the form.
 * With Referrer-Policy: no-referrer, browsers send `Origin: null` on form
 * posts, so Sec-Fetch-Site is the reliable signal; a named Origin must match.
 */
export function csrfProtection(
  onError: (c: Context<AppEnv>) => Response | Promise<Response>,
  /** The public origin when a TLS proxy sits in front, since the request URL then names the inner one. */
  publicOrigin?: string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin') return onError(c);
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== 'null' && origin !== new URL(c.req.url).origin && origin !== publicOrigin) {
      return onError(c);
    }
    const session = c.get('staffSession');
    if (session) {
      let submitted = '';
      try {
        const body = await c.req.parseBody();
        submitted = typeof body[CSRF_FIELD] === 'string' ? body[CSRF_FIELD] : '';
      } catch {
        return onError(c);
      }
      if (!sameToken(submitted, session.csrfToken)) return onError(c);
    }
    await next();
  };
}
