import type { MiddlewareHandler } from 'hono';
import { catalogFor, negotiateLocale, type Locale } from '../../../i18n/index.ts';
import { VARIES_BY_LANGUAGE } from '../../answers.ts';
import type { AppEnv } from '../../env.ts';
import { isPrepared } from '../../fast-lane/prepared-response.ts';

/** Pages take their locale from the path prefix, which a mirror can cache. */
export function fixedLocale(locale: Locale): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('locale', locale);
    c.set('t', catalogFor(locale));
    await next();
  };
}

/** The API and the root redirect negotiate from Accept-Language. */
export function negotiatedLocale(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const locale = negotiateLocale(c.req.header('accept-language'));
    c.set('locale', locale);
    c.set('t', catalogFor(locale));
    await next();
    // A prepared response (the counter) is the same in every language and carries its own headers.
    if (!isPrepared(c.res)) c.res.headers.append('Vary', VARIES_BY_LANGUAGE);
  };
}
