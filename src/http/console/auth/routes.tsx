import type { Context } from 'hono';
import { renderSVG } from 'uqr';
import { errorMessage } from '../../../i18n/index.ts';
import type { PasskeyService } from '../../../services/passkey-service.ts';
import { LOCKOUT_MS, type StaffAuthService } from '../../../services/staff-auth-service.ts';
import { clientAddress } from '../../client-address.ts';
import type { AppEnv, SignedInEnv } from '../../env.ts';
import { readFormBody, single } from '../../form-body.ts';
import { clearSessionCookie, setSessionCookie } from '../../middleware/console-session/console-session.ts';
import { consoleError, consolePage, consoleProps, anonymousConsoleRoute, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { authMessages } from './messages.ts';
import { CodePage } from './views/code-page.tsx';
import { PasswordPage } from './views/password-page.tsx';
import { SecondFactorPage } from './views/second-factor-page.tsx';
import { SignInPage } from './views/sign-in-page.tsx';

function minutesUntil(date: Date | undefined): number {
  return date ? Math.max(1, Math.ceil((date.getTime() - Date.now()) / 60_000)) : 15;
}

export function authRoutes(router: ConsoleRouter, auth: StaffAuthService, passkeys: PasskeyService) {
  const signInPage = <E extends AppEnv>(c: Context<E>, error?: string, notice?: string, status: 200 | 422 | 429 | 503 = 200) =>
    consolePage(c, <SignInPage shell={consoleProps(c)} m={authMessages(c.get('locale')).signIn} error={error} notice={notice} />, status);

  anonymousConsoleRoute(router, 'GET', '/console/sign-in', (c) => {
    if (c.get('staffSession')?.secondFactor) return c.redirect('/console', 303);
    return signInPage(c, undefined, c.req.query('enrolled') ? authMessages(c.get('locale')).enrol.done : undefined);
  });

  anonymousConsoleRoute(router, 'POST', '/console/sign-in', async (c) => {
    const fields = (await readFormBody(c)) ?? {};
    const result = await auth.signIn(single(fields.email), single(fields.password).slice(0, 256), clientAddress(c));
    if (!result.ok) {
      // A source out of guesses waits out its window; a full argon2 queue, a moment.
      const status = result.error === 'auth.throttled' ? 429 : result.error === 'auth.busy' ? 503 : 422;
      if (status !== 422) c.header('Retry-After', status === 429 ? String(LOCKOUT_MS / 1000) : '5');
      return signInPage(c, errorMessage(c.get('locale'), result.error, { minutes: LOCKOUT_MS / 60_000 }), undefined, status);
    }
    setSessionCookie(c, result.value.token);
    return c.redirect(result.value.needsTotpEnrolment ? '/console/second-factor' : '/console/sign-in/code', 303);
  });

  const codePage = async (c: Context<SignedInEnv>, error?: string, status: 200 | 422 = 200) => {
    const locale = c.get('locale');
    const hasPasskey = (await passkeys.list(c.get('staffSession').actor.id)).length > 0;
    const passkeyFailed = c.req.query('passkey') === 'failed' ? errorMessage(locale, 'auth.passkeyInvalid') : undefined;
    return consolePage(
      c,
      <CodePage
        shell={consoleProps(c)}
        m={authMessages(locale).signIn}
        error={error ?? passkeyFailed}
        passkeyInvalid={errorMessage(locale, 'auth.passkeyInvalid')}
        hasPasskey={hasPasskey}
      />,
      status,
    );
  };

  consoleRoute(router, 'GET', '/console/sign-in/code', (c) => {
    const session = c.get('staffSession');
    if (session.secondFactor) return c.redirect('/console', 303);
    if (session.needsTotpEnrolment) return c.redirect('/console/second-factor', 303);
    return codePage(c);
  });

  consoleRoute(router, 'POST', '/console/sign-in/code', async (c) => {
    const session = c.get('staffSession');
    if (session.secondFactor) return c.redirect('/console', 303);
    const fields = (await readFormBody(c)) ?? {};
    const result = await auth.verifyTotp(session, single(fields.code).slice(0, 10));
    if (!result.ok) {
      return codePage(c, errorMessage(c.get('locale'), result.error, { minutes: minutesUntil(result.lockedUntil) }), 422);
    }
    setSessionCookie(c, result.value.token);
    return c.redirect('/console', 303);
  });

  const secondFactorPage = (c: Context<SignedInEnv>, error?: string, status: 200 | 422 = 200) => {
    const enrolment = auth.startTotpEnrolment(c.get('staffSession'));
    // A data: image keeps the SVG out of the HTML, so nothing is inserted unescaped.
    const qr = `data:image/svg+xml;base64,${Buffer.from(renderSVG(enrolment.uri)).toString('base64')}`;
    return consolePage(
      c,
      <SecondFactorPage shell={consoleProps(c)} m={authMessages(c.get('locale'))} enrolment={enrolment} qr={qr} error={error} />,
      status,
    );
  };

  consoleRoute(router, 'GET', '/console/second-factor', (c) => {
    const session = c.get('staffSession');
    if (session.secondFactor) return c.redirect('/console', 303);
    if (!session.needsTotpEnrolment) return c.redirect('/console/sign-in/code', 303);
    return secondFactorPage(c);
  });

  consoleRoute(router, 'POST', '/console/second-factor', async (c) => {
    const session = c.get('staffSession');
    if (session.secondFactor || !session.needsTotpEnrolment) return c.redirect('/console', 303);
    const fields = (await readFormBody(c)) ?? {};
    const result = await auth.finishTotpEnrolment(session, single(fields.enrolment).slice(0, 500), single(fields.code).slice(0, 10));
    if (!result.ok) return secondFactorPage(c, errorMessage(c.get('locale'), result.error), 422);
    setSessionCookie(c, result.value.token);
    return c.redirect('/console', 303);
  });

  for (const purpose of ['enrol', 'reset'] as const) {
    const path = `/console/${purpose}/:token`;
    const passwordPage = (c: Context<AppEnv>, error?: string, status: 200 | 422 = 200) =>
      consolePage(
        c,
        <PasswordPage shell={consoleProps(c)} m={authMessages(c.get('locale')).enrol} purpose={purpose} error={error} />,
        status,
      );
    anonymousConsoleRoute(router, 'GET', path, async (c) => {
      if (!(await auth.tokenIsUsable(c.req.param('token') ?? '', purpose))) return consoleError(c, 404, 'auth.tokenInvalid');
      return passwordPage(c);
    });
    anonymousConsoleRoute(router, 'POST', path, async (c) => {
      const fields = (await readFormBody(c)) ?? {};
      const token = c.req.param('token') ?? '';
      const password = single(fields.password).slice(0, 300);
      const confirmation = single(fields.confirmation).slice(0, 300);
      const result =
        purpose === 'enrol'
          ? await auth.completeEnrolment(token, password, confirmation)
          : await auth.completeReset(token, password, confirmation);
      if (!result.ok) {
        if (result.error === 'auth.tokenInvalid') return consoleError(c, 404, 'auth.tokenInvalid');
        return passwordPage(c, errorMessage(c.get('locale'), result.error), 422);
      }
      return c.redirect('/console/sign-in?enrolled=1', 303);
    });
  }

  consoleRoute(router, 'POST', '/console/sign-out', async (c) => {
    await auth.signOut(c.get('staffSession'));
    clearSessionCookie(c);
    return c.redirect('/console/sign-in', 303);
  });

  consoleRoute(router, 'POST', '/console/sign-out-everywhere', async (c) => {
    await auth.signOutEverywhere(c.get('staffSession'));
    clearSessionCookie(c);
    return c.redirect('/console/sign-in', 303);
  });
}
