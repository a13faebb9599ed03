import { errorMessage } from '../../../i18n/index.ts';
import type { PasskeyService } from '../../../services/passkey-service.ts';
import { readFormBody, single } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { setSessionCookie } from '../../middleware/console-session/console-session.ts';
import { consoleError, consolePage, consoleProps, anonymousConsoleRoute, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { PASSKEY_SCRIPT } from './browser-script.ts';
import { passkeysMessages } from './messages.ts';
import { PasskeysPage } from './views/passkeys-page.tsx';

export function passkeysRoutes(router: ConsoleRouter, passkeys: PasskeyService, timeZone: string) {
  anonymousConsoleRoute(router, 'GET', '/console/assets/passkeys.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(PASSKEY_SCRIPT);
  });

  consoleRoute(router, 'GET', '/console/passkeys', async (c) => {
    const locale = c.get('locale');
    const list = await passkeys.list(c.get('staffSession').actor.id);
    const error = c.req.query('failed') ? errorMessage(locale, 'auth.passkeyInvalid') : undefined;
    return consolePage(
      c,
      <PasskeysPage
        shell={consoleProps(c)}
        m={passkeysMessages(locale)}
        passkeys={list}
        timeZone={timeZone}
        error={error}
        passkeyInvalid={errorMessage(locale, 'auth.passkeyInvalid')}
      />,
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
