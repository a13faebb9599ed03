import type { Context } from 'hono';
import { fieldErrors } from '../../domain/declaration/declaration-input.ts';
import { STAFF_ROLES, isStaffRole } from '../../domain/staff/roles.ts';
import { staffInputSchema } from '../../domain/staff/staff-input.ts';
import { errorMessage } from '../../i18n/index.ts';
import { Permission, can, canManageStaffMember } from '../../domain/staff/permissions.ts';
import type { CentersService } from '../../services/centers-service.ts';
import type { StaffAdminService } from '../../services/staff-admin-service.ts';
import type { SignedInEnv } from '../env.ts';
import { readFormBody, single } from '../form-body.ts';
import { parseId } from '../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from './console-kit.tsx';
import { CenterSelect } from './views/center-select.tsx';
import { ConsoleLayout, CsrfField, ErrorNote } from './views/console-layout.tsx';

const ACTIONS = ['reset-link', 'reset-second-factor', 'revoke-sessions', 'activate', 'deactivate', 'trust', 'untrust', 'role'] as const;
type StaffAction = (typeof ACTIONS)[number];

export function staffRoutes(router: ConsoleRouter, admin: StaffAdminService, centers: Pick<CentersService, 'choices'>, publicUrl: string) {
  async function listPage(c: Context<SignedInEnv>, options: { error?: string; notice?: string; link?: string; status?: 200 | 422 } = {}) {
    const props = consoleProps(c);
    const m = props.m.staff;
    const session = c.get('staffSession');
    const members = await admin.list(session.actor);
    const global = can(session.actor, Permission.StaffManageAll);
    // A center admin places people in their own center only, so that is the one choice offered.
    const choices = (await centers.choices()).filter((center) => global || center.id === session.actor.centerId);
    const mayTrust = admin.mayGrantTrust(session.actor);
    const actionButton = (id: number, action: StaffAction, label: string) => (
      <form method="post" action={`/console/staff/${id}/${action}`} class="inline">
        <CsrfField session={session} />
        <button type="submit" class="chip">
          {label}
        </button>
      </form>
    );
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.title}>
        {options.notice && <p class="notice">{options.notice}</p>}
        {options.link && (
          <p class="secret" id="one-time-link">
            {options.link}
          </p>
        )}
        <ErrorNote message={options.error} />
        <table>
          <thead>
            <tr>
              <th>{m.name}</th>
              <th>{m.email}</th>
              <th>{m.role}</th>
              <th>{m.center}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr data-staff-id={member.id}>
                <td>
                  {member.name}
                  {member.trusted && ' ✓'}
                  {!member.active && ` (${m.inactive})`}
                </td>
                <td>{member.email}</td>
                <td>{props.m.roles[member.role]}</td>
                <td>{member.centerName ?? '—'}</td>
                <td>
                  {canManageStaffMember(session.actor, member) && member.id !== session.actor.id && (
                    <>
                      {actionButton(member.id, 'reset-link', m.resetLink)}
                      {actionButton(member.id, 'reset-second-factor', m.resetSecondFactor)}
                      {actionButton(member.id, 'revoke-sessions', m.revokeSessions)}
                      {member.active ? (
                        <form method="get" action={`/console/staff/${member.id}/deactivate`} class="inline">
                          <button type="submit" class="chip">
                            {m.deactivate}
                          </button>
                        </form>
                      ) : (
                        actionButton(member.id, 'activate', m.activate)
                      )}
                      {member.trusted
                        ? actionButton(member.id, 'untrust', m.untrust)
                        : mayTrust && (member.role === 'volunteer' || member.role === 'center_admin') && actionButton(member.id, 'trust', m.trust)}
                      <form method="post" action={`/console/staff/${member.id}/role`} class="row">
                        <CsrfField session={session} />
                        <select name="role" aria-label={m.role}>
                          {STAFF_ROLES.map((role) => (
                            <option value={role} selected={role === member.role}>
                              {props.m.roles[role]}
                            </option>
                          ))}
                        </select>
                        <CenterSelect centers={choices} selected={member.centerId} label={m.center} none={global ? m.noCenter : undefined} />
                        <button type="submit" class="chip">
                          {m.changeRole}
                        </button>
                      </form>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{m.add}</h2>
        <form method="post" action="/console/staff">
          <CsrfField session={session} />
          <div class="row">
            <label>
              {m.name} <input name="name" required maxlength={100} />
            </label>
            <label>
              {m.email} <input name="email" type="email" required maxlength={254} />
            </label>
            <label>
              {m.role}
              <select name="role">
                {STAFF_ROLES.map((role) => (
                  <option value={role}>{props.m.roles[role]}</option>
                ))}
              </select>
            </label>
            <label>
              {m.center} <CenterSelect centers={choices} selected={session.actor.centerId} label={m.center} none={global ? m.noCenter : undefined} />
            </label>
          </div>
          {mayTrust && (
            <label>
              <input type="checkbox" name="trusted" value="yes" /> {m.trusted}
            </label>
          )}
          <p>
            <button type="submit">{m.create}</button>
          </p>
        </form>
      </ConsoleLayout>,
      options.status ?? 200,
    );
  }

  consoleRoute(router, 'GET', '/console/staff', (c) =>
    listPage(c, c.req.query('done') ? { notice: consoleProps(c).m.staff.done } : {}),
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
      notice: consoleProps(c).m.staff.created,
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
    const props = consoleProps(c);
    const m = props.m.staff;
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.confirmTitle}>
        <p id="confirm-deactivate">{m.confirmDeactivate(member.name, member.email)}</p>
        <p>{m.deactivateEffect}</p>
        <form method="post" action={`/console/staff/${member.id}/deactivate`} class="row">
          <CsrfField session={session} />
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit">{m.confirmDeactivateButton}</button>
          <a href="/console/staff">{m.cancel}</a>
        </form>
      </ConsoleLayout>,
    );
  });

  consoleRoute(router, 'POST', '/console/staff/:id/:action', async (c) => {
    const id = parseId(c.req.param('id'));
    const action = c.req.param('action') as StaffAction;
    if (id === null || !ACTIONS.includes(action)) return consoleError(c, 404, 'request.notFound');
    const actor = c.get('staffSession').actor;
    if (action === 'reset-link') {
      const result = await admin.issueResetLink(actor, id);
      if (!result.ok) return consoleError(c, 403, result.error);
      const member = await admin.get(actor, id);
      const kind = member?.passwordHash ? 'reset' : 'enrol';
      return listPage(c, { notice: consoleProps(c).m.staff.resetIssued, link: `${publicUrl}/console/${kind}/${result.value.token}` });
    }
    let result;
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
      if (single(((await readFormBody(c)) ?? {}).confirm) !== 'yes') {
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
