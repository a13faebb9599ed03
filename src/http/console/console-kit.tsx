import type { Context, Handler, Hono, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { errorMessage, type ErrorCode } from '../../i18n/index.ts';
import { pageOf, ruleFor, type RouteRule } from './console-rules.ts';
import { can } from '../../domain/staff/permissions.ts';
import type { AppEnv, SignedInEnv } from '../env.ts';
import { renderPage } from '../render.ts';
import { consoleMessages } from './messages.ts';
import { ConsoleLayout, type ConsoleShellProps } from './views/console-layout.tsx';

export type ConsoleRouter = Hono<AppEnv>;

/** The props every console page starts from. */
export function consoleProps<E extends AppEnv>(c: Context<E>): ConsoleShellProps {
  return {
    locale: c.get('locale'),
    t: c.get('t'),
    m: consoleMessages(c.get('locale')),
    nonce: c.get('cspNonce'),
    page: c.req.method === 'GET' ? c.req.path : pageOf(c.req.path),
    session: c.get('staffSession'),
  };
}

export function consolePage<E extends AppEnv>(c: Context<E>, page: JSX.Element, status: ContentfulStatusCode = 200): Response {
  return renderPage(c, page, status);
}

export function consoleError<E extends AppEnv>(c: Context<E>, status: ContentfulStatusCode, code: ErrorCode): Response {
  const props = consoleProps(c);
  return consolePage(
    c,
    <ConsoleLayout {...props} title={errorMessage(c.get('locale'), code)}>
      <p>
        <a href="/console">{props.m.nav.home}</a>
      </p>
    </ConsoleLayout>,
    status,
  );
}

function guard(rule: RouteRule): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (rule === 'anonymous') return next();
    const session = c.get('staffSession');
    if (!session) return c.req.method === 'GET' ? c.redirect('/console/sign-in', 303) : consoleError(c, 401, 'auth.signedOut');
    if (rule === 'session') return next();
    if (!session.secondFactor) {
      return c.redirect(session.needsTotpEnrolment ? '/console/second-factor' : '/console/sign-in/code', 303);
    }
    if (!can(session.actor, rule)) return consoleError(c, 403, 'auth.forbidden');
    return next();
  };
}

/**
 * Registers a console route behind the rule CONSOLE_RULES gives it; a route without a rule cannot start.
 * The handler sees the session the guard checked, so a route whose rule is 'anonymous' must use
 * anonymousConsoleRoute instead, and the table and the types cannot disagree.
 */
export function consoleRoute(router: ConsoleRouter, method: 'GET' | 'POST', path: string, handler: Handler<SignedInEnv>): void {
  const rule = ruleFor(method, path);
  if (rule === 'anonymous') throw new Error(`${method} ${path} is anonymous: register it with anonymousConsoleRoute`);
  router.on(method, path, guard(rule), handler as unknown as Handler<AppEnv>);
}

/** Registers a console route that needs no session (sign-in, one-time links, the passkey script). */
export function anonymousConsoleRoute(router: ConsoleRouter, method: 'GET' | 'POST', path: string, handler: Handler<AppEnv>): void {
  const rule = ruleFor(method, path);
  if (rule !== 'anonymous') throw new Error(`${method} ${path} needs a session: register it with consoleRoute`);
  router.on(method, path, guard(rule), handler);
}
