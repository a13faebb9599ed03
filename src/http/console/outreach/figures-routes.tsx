import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { outreachMessages } from './messages.ts';
import type { OutreachPageDeps } from './page.tsx';
import { CallsPage } from './views/calls-page.tsx';

/** /console/calls: the caller's own figures, and each member's for those who run the center. */
export function figuresRoutes(router: ConsoleRouter, { outreach }: OutreachPageDeps): void {
  consoleRoute(router, 'GET', '/console/calls', async (c) => {
    const actor = c.get('staffSession').actor;
    const mine = await outreach.callerFigures.mine(actor);
    if (!mine.ok) return consoleError(c, 403, mine.error);
    const center = await outreach.callerFigures.center(actor);
    return consolePage(
      c,
      <CallsPage
        shell={consoleProps(c)}
        m={outreachMessages(c.get('locale'))}
        mine={mine.value}
        center={center.ok ? center.value : null}
      />,
    );
  });
}
