import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env.ts';
import { isPrepared } from '../../prepared-response.ts';
import { API_SECURITY_HEADERS, FIXED_HEADERS, PUBLIC_CONTENT_SECURITY_POLICY, PUBLIC_STYLE_HASH, isApiPath, policy } from './policy.ts';

const CONSOLE_PREFIX = '/console';

/** Sets the headers of policy.ts on every response that does not carry them already. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (isApiPath(c.req.path)) {
      await next();
      if (isPrepared(c.res)) return;
      for (const name in API_SECURITY_HEADERS) c.res.headers.set(name, API_SECURITY_HEADERS[name]!);
      return;
    }
    let contentSecurityPolicy = PUBLIC_CONTENT_SECURITY_POLICY;
    if (c.req.path.startsWith(CONSOLE_PREFIX)) {
      const nonce = randomBytes(16).toString('base64');
      c.set('cspNonce', nonce);
      // The public hash too: an error page rendered in the public layout under /console keeps its style.
      contentSecurityPolicy = policy(`'nonce-${nonce}' ${PUBLIC_STYLE_HASH}`, `'nonce-${nonce}'`);
    }
    await next();
    if (isPrepared(c.res)) return;
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    for (const name in FIXED_HEADERS) headers.set(name, FIXED_HEADERS[name]!);
  };
}
