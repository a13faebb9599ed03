import type { Context } from 'hono';
import { fieldErrors } from '../../../domain/declaration/declaration-input.ts';
import { isStaffRole } from '../../../domain/staff/roles.ts';
import { staffInputSchema } from '../../../domain/staff/staff-input.ts';
import { errorMessage } from '../../../i18n/index.ts';
import { Permission, can } from '../../../domain/staff/permissions.ts';
import type { CentersService } from '../../../services/centers-service.ts';
import type { Result } from '../../../services/result.ts';
import type { StaffAdminService } from '../../../services/staff-admin-service.ts';
import type { SignedInEnv } from '../../env.ts';
import { readFormBody, single } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { isStaffAction } from './actions.ts';
import { staffMessages } from './messages.ts';
import { DeactivatePage } from './views/deactivate-page.tsx';
import { StaffPage } from './views/staff-page.tsx';

export function staffRoutes(router: ConsoleRouter, admin: StaffAdminService, centers: Pick<CentersService, 'choices'>, publicUrl: string) {
  async function listPage(c: Context<SignedInEnv>, options: { error?: string; notice?: string; link?: string; status?: 200 | 422 } = {}) {
    const session = c.get('staffSession');
    const members = await admin.list(session.actor);
    const global = can(session.actor, Permission.StaffManageAll);
    // A center admin places people in their own center only, so that is the one choice offered.
    const choices = (await centers.choices()).filter((center) => global || center.id === session.actor.centerId);
    return consolePage(
      c,
      <StaffPage
        shell={consoleProps(c)}
        m={staffMessages(c.get('locale'))}
        session={session}
        members={members}
        choices={choices}
        global={global}
        mayTrust={admin.mayGrantTrust(session.actor)}
        notice={options.notice}
        link={options.link}
        error={options.error}
      />,
      options.status ?? 200,
    );
  }

  consoleRoute(router, 'GET', '/console/staff', (c) =>
    listPage(c, c.req.query('done') ? { notice: staffMessages(c.get('locale')).done } : {}),
  );

  consoleRoute(router, 'POST', '/console/staff', async (c) => {
    const fields = (await readFormBody(c)) ?? {};
    const parsed = staffInputSchema.safeParse({
      email: single(fields.email),
      name: single(fields.name),
      role: single(fields.role),
      centerId: single(fields.centerId) || null,
      trusted: single(fields.trusted) === 'yes',
    });
    if (!parsed.success) {
      const errors = Object.values(fieldErrors(parsed.error)).map((error) => errorMessage(c.get('locale'), error.code, error.params));
      return listPage(c, { error: errors.join(' '), status: 422 });
    }
    const result = await admin.add(c.get('staffSession').actor, parsed.data);
    if (!result.ok) {
      if (result.error === 'auth.forbidden') return consoleError(c, 403, 'auth.forbidden');
      return listPage(c, { error: errorMessage(c.get('locale'), result.error), status: 422 });
    }
    return listPage(c, {
      notice: staffMessages(c.get('locale')).created,
      link: `${publicUrl}/console/enrol/${result.value.enrolToken}`,
    });
  });

  // Deactivating signs the person out at once, so it takes a second, deliberate click (no script needed).
  consoleRoute(router, 'GET', '/console/staff/:id/deactivate', async (c) => {
    const id = parseId(c.req.param('id'));
    if (id === null) return consoleError(c, 404, 'request.notFound');
    const session = c.get('staffSession');
    const member = await admin.get(session.actor, id);
    if (!member || member.id === session.actor.id) return consoleError(c, 403, 'auth.forbidden');
    return consolePage(c, <DeactivatePage shell={consoleProps(c)} m={staffMessages(c.get('locale'))} session={session} member={member} />);
  });

  consoleRoute(router, 'POST', '/console/staff/:id/:action', async (c) => {
    const id = parseId(c.req.param('id'));
    const action = c.req.param('action');
    if (id === null || !isStaffAction(action)) return consoleError(c, 404, 'request.notFound');
    const actor = c.get('staffSession').actor;
    if (action === 'reset-link') {
      const result = await admin.issueResetLink(actor, id);
      if (!result.ok) return consoleError(c, 403, result.error);
      const member = await admin.get(actor, id);
      const kind = member?.passwordHash ? 'reset' : 'enrol';
      return listPage(c, {
        notice: staffMessages(c.get('locale')).resetIssued,
        link: `${publicUrl}/console/${kind}/${result.value.token}`,
      });
    }
    let result: Result<unknown>;
    if (action === 'role') {
      const fields = (await readFormBody(c)) ?? {};
      const role = single(fields.role);
      const centerId = parseId(single(fields.centerId));
      if (!isStaffRole(role)) return listPage(c, { error: errorMessage(c.get('locale'), 'staff.roleInvalid'), status: 422 });
      result = await admin.changeRole(actor, id, role, centerId);
    } else if (action === 'reset-second-factor') result = await admin.resetSecondFactor(actor, id);
    else if (action === 'revoke-sessions') result = await admin.revokeSessions(actor, id);
    else if (action === 'deactivate') {
      // Only the confirmation page sends `confirm`; any other post is taken there first.
      if (single((await readFormBody(c))?.confirm) !== 'yes') {
        if (!(await admin.get(actor, id))) return consoleError(c, 403, 'auth.forbidden');
        return c.redirect(`/console/staff/${id}/deactivate`, 303);
      }
      result = await admin.setActive(actor, id, false);
    } else if (action === 'activate') result = await admin.setActive(actor, id, true);
    else result = await admin.setTrusted(actor, id, action === 'trust');
    if (!result.ok) {
      if (result.error === 'auth.forbidden') return consoleError(c, 403, 'auth.forbidden');
      return listPage(c, { error: errorMessage(c.get('locale'), result.error), status: 422 });
    }
    return c.redirect('/console/staff?done=1', 303);
  });
}
