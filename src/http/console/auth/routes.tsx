import type { Context } from 'hono';
import { renderSVG } from 'uqr';
import { errorMessage } from '../../../i18n/index.ts';
import type { PasskeyService } from '../../../services/passkey-service.ts';
import type { StaffAuthService } from '../../../services/staff-auth-service.ts';
import type { AppEnv, SignedInEnv } from '../../env.ts';
import { readFormBody, single } from '../../form-body.ts';
import { clearSessionCookie, setSessionCookie } from '../../middleware/console-session/console-session.ts';
import { consoleError, consolePage, consoleProps, anonymousConsoleRoute, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { PasskeyScript } from '../passkeys/routes.tsx';
import { authMessages } from './messages.ts';
import { ConsoleLayout, CsrfField, ErrorNote } from '../views/console-layout.tsx';

function minutesUntil(date: Date | undefined): number {
  return date ? Math.max(1, Math.ceil((date.getTime() - Date.now()) / 60_000)) : 15;
}

export function authRoutes(router: ConsoleRouter, auth: StaffAuthService, passkeys: PasskeyService) {
  const signInPage = <E extends AppEnv>(c: Context<E>, error?: string, notice?: string, status: 200 | 422 = 200) => {
    const props = consoleProps(c);
    const m = authMessages(props.locale).signIn;
    return consolePage(
      c,
      <ConsoleLayout {...props} session={undefined} title={m.title}>
        {notice && <p class="notice">{notice}</p>}
        <ErrorNote message={error} />
        <form method="post" action="/console/sign-in">
          {/* Only present if a session cookie is: then the CSRF check expects it. */}
          <CsrfField session={c.get('staffSession')} />
          <div class="field">
            <label for="email">{m.email}</label>
            <input id="email" name="email" type="email" autocomplete="username" required maxlength={254} />
          </div>
          <div class="field">
            <label for="password">{m.password}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required maxlength={256} />
          </div>
          <button type="submit">{m.submit}</button>
        </form>
      </ConsoleLayout>,
      status,
    );
  };

  anonymousConsoleRoute(router, 'GET', '/console/sign-in', (c) => {
    if (c.get('staffSession')?.secondFactor) return c.redirect('/console', 303);
    return signInPage(c, undefined, c.req.query('enrolled') ? authMessages(c.get('locale')).enrol.done : undefined);
  });

  anonymousConsoleRoute(router, 'POST', '/console/sign-in', async (c) => {
    const fields = (await readFormBody(c)) ?? {};
    const result = await auth.signIn(single(fields.email), single(fields.password).slice(0, 256));
    if (!result.ok) return signInPage(c, errorMessage(c.get('locale'), result.error), undefined, 422);
    setSessionCookie(c, result.value.token);
    return c.redirect(result.value.needsTotpEnrolment ? '/console/second-factor' : '/console/sign-in/code', 303);
  });

  const codePage = async (c: Context<SignedInEnv>, error?: string, status: 200 | 422 = 200) => {
    const props = consoleProps(c);
    const m = authMessages(props.locale).signIn;
    const hasPasskey = (await passkeys.list(c.get('staffSession').actor.id)).length > 0;
    const passkeyFailed = c.req.query('passkey') === 'failed' ? errorMessage(c.get('locale'), 'auth.passkeyInvalid') : undefined;
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.totpTitle}>
        <p>{m.totpIntro}</p>
        <ErrorNote message={error ?? passkeyFailed} />
        <p class="error" id="passkey-status" hidden>
          {errorMessage(c.get('locale'), 'auth.passkeyInvalid')}
        </p>
        <form method="post" action="/console/sign-in/code">
          <CsrfField session={c.get('staffSession')} />
          <div class="field">
            <label for="code">{m.code}</label>
            <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required maxlength={7} />
          </div>
          <button type="submit">{m.verify}</button>
        </form>
        {hasPasskey && (
          <form method="post" action="/console/sign-in/passkey">
            <CsrfField session={c.get('staffSession')} />
            <input type="hidden" name="credential" value="" />
            <button type="button" class="secondary" data-passkey="authenticate" data-options="/console/sign-in/passkey/options" hidden>
              {m.usePasskey}
            </button>
          </form>
        )}
        {hasPasskey && <PasskeyScript nonce={props.nonce} />}
      </ConsoleLayout>,
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

  const enrolSecondFactorPage = (c: Context<SignedInEnv>, error?: string, status: 200 | 422 = 200) => {
    const props = consoleProps(c);
    const m = authMessages(props.locale).enrol;
    const enrolment = auth.startTotpEnrolment(c.get('staffSession'));
    // A data: image keeps the SVG out of the HTML, so nothing is inserted unescaped.
    const qr = `data:image/svg+xml;base64,${Buffer.from(renderSVG(enrolment.uri)).toString('base64')}`;
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.totpTitle}>
        <p>{m.totpIntro}</p>
        <ErrorNote message={error} />
        <p class="qr">
          <img src={qr} alt={m.totpTitle} width={224} height={224} />
        </p>
        <p>
          {m.secret}: <code class="secret" id="totp-secret">{enrolment.secret}</code>
        </p>
        <form method="post" action="/console/second-factor">
          <CsrfField session={c.get('staffSession')} />
          <input type="hidden" name="enrolment" value={enrolment.sealed} />
          <div class="field">
            <label for="code">{authMessages(props.locale).signIn.code}</label>
            <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength={7} />
          </div>
          <button type="submit">{m.confirmCode}</button>
        </form>
      </ConsoleLayout>,
      status,
    );
  };

  consoleRoute(router, 'GET', '/console/second-factor', (c) => {
    const session = c.get('staffSession');
    if (session.secondFactor) return c.redirect('/console', 303);
    if (!session.needsTotpEnrolment) return c.redirect('/console/sign-in/code', 303);
    return enrolSecondFactorPage(c);
  });

  consoleRoute(router, 'POST', '/console/second-factor', async (c) => {
    const session = c.get('staffSession');
    if (session.secondFactor || !session.needsTotpEnrolment) return c.redirect('/console', 303);
    const fields = (await readFormBody(c)) ?? {};
    const result = await auth.finishTotpEnrolment(session, single(fields.enrolment).slice(0, 500), single(fields.code).slice(0, 10));
    if (!result.ok) return enrolSecondFactorPage(c, errorMessage(c.get('locale'), result.error), 422);
    setSessionCookie(c, result.value.token);
    return c.redirect('/console', 303);
  });

  for (const purpose of ['enrol', 'reset'] as const) {
    const path = `/console/${purpose}/:token`;
    const passwordPage = (c: Context<AppEnv>, error?: string, status: 200 | 422 = 200) => {
      const props = consoleProps(c);
      const m = authMessages(props.locale).enrol;
      return consolePage(
        c,
        <ConsoleLayout {...props} session={undefined} title={purpose === 'enrol' ? m.title : m.resetTitle}>
          <p>{m.intro}</p>
          <ErrorNote message={error} />
          <form method="post">
            <CsrfField session={c.get('staffSession')} />
            <div class="field">
              <label for="password">{m.password}</label>
              <input id="password" name="password" type="password" autocomplete="new-password" required minlength={12} maxlength={256} />
            </div>
            <div class="field">
              <label for="confirmation">{m.confirm}</label>
              <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required maxlength={256} />
            </div>
            <button type="submit">{m.submit}</button>
          </form>
        </ConsoleLayout>,
        status,
      );
    };
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
