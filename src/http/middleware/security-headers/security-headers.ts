import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env.ts';
import { isPrepared } from '../../fast-lane/prepared-response.ts';
import {
  API_READ_HEADERS,
  API_SECURITY_HEADERS,
  FIXED_HEADERS,
  PUBLIC_READ_HEADERS,
  PUBLIC_SECURITY_HEADERS,
  PUBLIC_STYLE_HASH,
  isApiPath,
  isPublicRead,
  policy,
} from './policy.ts';

const CONSOLE_PREFIX = '/console';

/** Sets the headers of policy.ts on every response that does not carry them already. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const headers = headersFor(c);
    await next();
    if (isPrepared(c.res)) return;
    // A handler that set one of these itself meant it (an inbox attachment's sandbox, framed by its own page).
    for (const name in headers) if (!c.res.headers.has(name)) c.res.headers.set(name, headers[name]!);
  };
}

/**
 * The API's set, the public pages' set, either opened to other origins on a public read,
 * or the console's with a fresh nonce (which its pages read from the context).
 */
function headersFor(c: Context<AppEnv>): Readonly<Record<string, string>> {
  const path = c.req.path;
  if (isApiPath(path)) return isPublicRead(c.req.method, path) ? API_READ_HEADERS : API_SECURITY_HEADERS;
  if (!path.startsWith(CONSOLE_PREFIX)) return isPublicRead(c.req.method, path) ? PUBLIC_READ_HEADERS : PUBLIC_SECURITY_HEADERS;
  const nonce = randomBytes(16).toString('base64');
  c.set('cspNonce', nonce);
  // The public hash too: an error page rendered in the public layout under /console keeps its style.
  return { ...FIXED_HEADERS, 'Content-Security-Policy': policy(`'nonce-${nonce}' ${PUBLIC_STYLE_HASH}`, `'nonce-${nonce}'`) };
}
