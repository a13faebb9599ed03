import { readFormBody, single } from '../../form-body.ts';
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
    const leaderboard = await outreach.callerFigures.leaderboard(actor);
    return consolePage(
      c,
      <CallsPage
        shell={consoleProps(c)}
        m={outreachMessages(c.get('locale'))}
        mine={mine.value}
        center={center.ok ? center.value : null}
        leaderboard={leaderboard.ok ? leaderboard.value : { rows: [], onIt: false }}
      />,
    );
  });

  consoleRoute(router, 'POST', '/console/calls/leaderboard', async (c) => {
    const on = single((await readFormBody(c))?.on) === 'yes';
    const saved = await outreach.callerFigures.setLeaderboard(c.get('staffSession').actor, on);
    if (!saved.ok) return consoleError(c, 403, saved.error);
    return c.redirect('/console/calls', 303);
  });
}
