import type { BatchEntryService } from '../../../services/batch/batch-entry-service.ts';
import type { CentersService } from '../../../services/centers-service.ts';
import { Permission, can } from '../../../domain/staff/permissions.ts';
import { consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { centerName } from '../views/center-select.tsx';
import { MyTallies } from '../batch/views/my-tallies.tsx';
import { ConsoleLayout, CsrfField } from '../views/console-layout.tsx';

export function homeRoutes(
  router: ConsoleRouter,
  batchEntry: BatchEntryService,
  timeZone: string,
  centers: Pick<CentersService, 'choices'>,
) {
  consoleRoute(router, 'GET', '/console', async (c) => {
    const props = consoleProps(c);
    const { m } = props;
    const actor = c.get('staffSession').actor;
    // Editors and auditors enter nothing, so the service refuses them and the section stays away.
    const tallies = await batchEntry.myTallies(actor, new Date(), timeZone);
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.home.welcome(actor.name)}>
        <dl class="facts">
          <dt>{m.home.role}</dt>
          <dd id="role">{m.roles[actor.role]}</dd>
          {actor.centerId !== null && (
            <>
              <dt>{m.home.center}</dt>
              <dd id="center">{centerName(await centers.choices(), actor.centerId)}</dd>
            </>
          )}
        </dl>
        {tallies.ok && <MyTallies tallies={tallies.value} locale={props.locale} />}
        {can(actor, Permission.InboxWork) && (
          <p>
            <a href="/console/inbox" id="inbox-link">
              {m.nav.inbox}
            </a>
          </p>
        )}
        <p>
          <a href="/console/passkeys">{m.home.passkeys}</a>
        </p>
        <form method="post" action="/console/sign-out-everywhere">
          <CsrfField session={c.get('staffSession')} />
          <button type="submit" class="secondary">
            {m.home.signOutEverywhere}
          </button>
        </form>
      </ConsoleLayout>,
    );
  });
}
