import type { Handler } from 'hono';
import type { AppEnv } from '../../env.ts';

/**
 * The CORS preflight of a public read (see PUBLIC_READ_ROUTES): a script on
 * another site that sends a conditional GET (If-None-Match) asks first. Only
 * reads are offered, and no credentials; the security headers add
 * `Access-Control-Allow-Origin: *`. A POST to the same path is never allowed
 * from another origin, so no site can submit or retract in a visitor's name.
 */
export function publicReadPreflight(): Handler<AppEnv> {
  return (c) =>
    c.body(null, 204, {
      'Access-Control-Allow-Methods': 'GET, HEAD',
      'Access-Control-Allow-Headers': 'Accept, Accept-Language, If-None-Match, If-Modified-Since',
      'Access-Control-Max-Age': '86400',
      'Cache-Control': 'public, max-age=86400',
    });
}
