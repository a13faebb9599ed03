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
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!allowed.includes(type)) return onError(c);
    const charset = /charset=([^;]+)/i.exec(c.req.header('content-type') ?? '')?.[1]?.trim().replace(/"/g, '').toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') return onError(c);
    await next();
  };
}
