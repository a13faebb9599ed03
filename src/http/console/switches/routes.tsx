import type { Context } from 'hono';
import { isSwitchName, parseSwitchState } from '../../../domain/flood/switches.ts';
import type { Switches } from '../../../services/flood/switches-service.ts';
import type { SignedInEnv } from '../../env.ts';
import { readFormBody, single } from '../../form-body.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { switchesMessages } from './messages.ts';
import { SwitchesPage } from './views/switches-page.tsx';

/**
 * The kill switches (docs/security.md, "Kill switches"): admins turn public features off and on
 * again. Each route's rule is in console-rules.ts (SwitchesManage); the service checks it again and
 * audits every change.
 */
export function switchesRoutes(router: ConsoleRouter, switches: Switches): void {
  const page = async (c: Context<SignedInEnv>, notice?: string) =>
    consolePage(
      c,
      <SwitchesPage shell={consoleProps(c)} m={switchesMessages(c.get('locale'))} states={await switches.current()} notice={notice} />,
    );

  consoleRoute(router, 'GET', '/console/switches', (c) => page(c));

  consoleRoute(router, 'POST', '/console/switch/:name', async (c) => {
    const name = c.req.param('name') ?? '';
    const on = parseSwitchState(single((await readFormBody(c))?.state));
    if (!isSwitchName(name) || on === null) return consoleError(c, 404, 'request.notFound');
    const result = await switches.set(c.get('staffSession').actor, name, on);
    if (!result.ok) return consoleError(c, 403, result.error);
    const m = switchesMessages(c.get('locale'));
    return page(c, m.changed(m.names[name], on));
  });
}
