import { errorMessage } from '../../../i18n/index.ts';
import { zonedDate } from '../../../i18n/zoned-time.ts';
import type { PasskeyService } from '../../../services/passkey-service.ts';
import { readFormBody, single } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { setSessionCookie } from '../../middleware/console-session/console-session.ts';
import { consoleError, consolePage, consoleProps, anonymousConsoleRoute, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { PASSKEY_SCRIPT } from './browser-script.ts';
import { passkeysMessages } from './messages.ts';
import { ConsoleLayout, CsrfField, ErrorNote } from '../views/console-layout.tsx';

export function PasskeyScript({ nonce }: { nonce: string | undefined }) {
  return <script nonce={nonce} src="/console/assets/passkeys.js" defer />;
}

export function passkeyRoutes(router: ConsoleRouter, passkeys: PasskeyService, timeZone: string) {
  anonymousConsoleRoute(router, 'GET', '/console/assets/passkeys.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(PASSKEY_SCRIPT);
  });

  consoleRoute(router, 'GET', '/console/passkeys', async (c) => {
    const props = consoleProps(c);
    const m = passkeysMessages(props.locale);
    const session = c.get('staffSession');
    const list = await passkeys.list(session.actor.id);
    const error = c.req.query('failed') ? errorMessage(c.get('locale'), 'auth.passkeyInvalid') : undefined;
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.title}>
        <p>{m.intro}</p>
        <ErrorNote message={error} />
        <p class="error" id="passkey-status" hidden>
          {errorMessage(c.get('locale'), 'auth.passkeyInvalid')}
        </p>
        <table>
          <tbody>
            {list.map((passkey) => (
              <tr>
                <td>{passkey.name}</td>
                <td>{zonedDate(passkey.createdAt, props.t, timeZone)}</td>
                <td>{passkey.lastUsedAt ? zonedDate(passkey.lastUsedAt, props.t, timeZone) : m.never}</td>
                <td>
                  <form method="post" action={`/console/passkey/${passkey.id}/delete`} class="inline">
                    <CsrfField session={session} />
                    <button type="submit" class="chip">
                      {m.remove}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/console/passkeys" class="row">
          <CsrfField session={session} />
          <input type="hidden" name="credential" value="" />
          <label>
            {m.name} <input name="name" maxlength={60} value="Passkey" />
          </label>
          <button type="submit" data-passkey="register" data-options="/console/passkeys/options" hidden>
            {m.add}
          </button>
        </form>
        <noscript>
          <p class="hint">{m.needsScript}</p>
        </noscript>
        <PasskeyScript nonce={props.nonce} />
      </ConsoleLayout>,
    );
  });

  consoleRoute(router, 'POST', '/console/passkeys/options', async (c) => c.json(await passkeys.registrationOptions(c.get('staffSession'))));

  consoleRoute(router, 'POST', '/console/passkeys', async (c) => {
    const fields = (await readFormBody(c)) ?? {};
    const result = await passkeys.register(c.get('staffSession'), single(fields.credential).slice(0, 20_000), single(fields.name));
    return c.redirect(result.ok ? '/console/passkeys' : '/console/passkeys?failed=1', 303);
  });

  consoleRoute(router, 'POST', '/console/passkey/:id/delete', async (c) => {
    const id = parseId(c.req.param('id'));
    if (id === null) return consoleError(c, 404, 'request.notFound');
    const result = await passkeys.remove(c.get('staffSession'), id);
    if (!result.ok) return consoleError(c, 404, result.error);
    return c.redirect('/console/passkeys', 303);
  });

  consoleRoute(router, 'POST', '/console/sign-in/passkey/options', async (c) => {
    const options = await passkeys.authenticationOptions(c.get('staffSession'));
    return options ? c.json(options) : c.json({ error: 'no passkey' }, 404);
  });

  consoleRoute(router, 'POST', '/console/sign-in/passkey', async (c) => {
    const session = c.get('staffSession');
    if (session.secondFactor) return c.redirect('/console', 303);
    const fields = (await readFormBody(c)) ?? {};
    const result = await passkeys.authenticate(session, single(fields.credential).slice(0, 20_000));
    if (!result.ok) return c.redirect('/console/sign-in/code?passkey=failed', 303);
    setSessionCookie(c, result.value.token);
    return c.redirect('/console', 303);
  });
}
