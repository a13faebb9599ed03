import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { catalogFor, isLocale, negotiateLocale } from '../../../i18n/index.ts';
import type { SignedInSession, StaffAuthService } from '../../../services/staff-auth-service.ts';
import type { AppEnv } from '../../env.ts';

export const SESSION_COOKIE = 'tuidang_staff';
const LANGUAGE_COOKIE = 'tuidang_console_lang';

/** HttpOnly, Strict, Secure, scoped to /console: the cookie never travels with a public page. */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { path: '/console', httpOnly: true, secure: true, sameSite: 'Strict' });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/console', secure: true });
}

/**
 * Loads the staff session, if any, and the console language: `?lang=` sets it
 * (remembered in a cookie), otherwise Accept-Language decides.
 */
export function consoleSession(auth: Pick<StaffAuthService, 'session'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requested = c.req.query('lang');
    let locale = negotiateLocale(c.req.header('accept-language'));
    const remembered = getCookie(c, LANGUAGE_COOKIE);
    if (remembered && isLocale(remembered)) locale = remembered;
    if (requested && isLocale(requested)) {
      locale = requested;
      setCookie(c, LANGUAGE_COOKIE, requested, { path: '/console', httpOnly: true, secure: true, sameSite: 'Strict' });
    }
    c.set('locale', locale);
    c.set('t', catalogFor(locale));
    const session: SignedInSession | null = await auth.session(getCookie(c, SESSION_COOKIE));
    if (session) c.set('staffSession', session);
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  };
}
