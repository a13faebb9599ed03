import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env.ts';

export const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'] as const;
export const JSON_TYPES = ['application/json'] as const;

/** Refuses a body whose declared type the route cannot read (415), before anything parses it. */
export function requireContentType(
  allowed: readonly string[],
  onError: (c: Context<AppEnv>) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isAllowedContentType(c.req.header('content-type'), allowed)) return onError(c);
    await next();
  };
}

/** One of the allowed types, in UTF-8 if a charset is named at all. */
export function isAllowedContentType(header: string | undefined, allowed: readonly string[]): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (!allowed.includes(type)) return false;
  const charset = /charset=([^;]+)/i
    .exec(header ?? '')?.[1]
    ?.trim()
    .replace(/"/g, '')
    .toLowerCase();
  return !charset || charset === 'utf-8' || charset === 'utf8';
}
