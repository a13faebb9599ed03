import type { Context } from 'hono';
import { fieldErrors } from '../../domain/declaration/declaration-input.ts';
import { STAFF_ROLES, isStaffRole } from '../../domain/staff/roles.ts';
import { staffInputSchema } from '../../domain/staff/staff-input.ts';
import { errorMessage } from '../../i18n/index.ts';
import { canManageStaffMember } from '../../policies/permissions.ts';
import type { StaffAdminService } from '../../services/staff-admin-service.ts';
import type { AppEnv } from '../env.ts';
import { readFormBody, single } from '../form-body.ts';
import { parseId } from '../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from './console-kit.tsx';
import { ConsoleLayout, CsrfField, ErrorNote } from './views/console-layout.tsx';

const ACTIONS = ['reset-link', 'reset-second-factor', 'revoke-sessions', 'activate', 'deactivate', 'trust', 'untrust', 'role'] as const;
type StaffAction = (typeof ACTIONS)[number];

export function staffRoutes(router: ConsoleRouter, admin: StaffAdminService, publicUrl: string) {
  async function listPage(c: Context<AppEnv>, options: { error?: string; notice?: string; link?: string; status?: 200 | 422 } = {}) {
    const props = consoleProps(c);
    const m = props.m.staff;
    const session = c.get('staffSession')!;
    const members = await admin.list(session.actor);
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
                <td>{member.centerId ?? '—'}</td>
                <td>
                  {canManageStaffMember(session.actor, member) && member.id !== session.actor.id && (
                    <>
                      {actionButton(member.id, 'reset-link', m.resetLink)}
                      {actionButton(member.id, 'reset-second-factor', m.resetSecondFactor)}
                      {actionButton(member.id, 'revoke-sessions', m.revokeSessions)}
                      {actionButton(member.id, member.active ? 'deactivate' : 'activate', member.active ? m.deactivate : m.activate)}
                      {member.role === 'volunteer' && actionButton(member.id, member.trusted ? 'untrust' : 'trust', member.trusted ? m.untrust : m.trust)}
                      <form method="post" action={`/console/staff/${member.id}/role`} class="row">
                        <CsrfField session={session} />
                        <select name="role" aria-label={m.role}>
                          {STAFF_ROLES.map((role) => (
                            <option value={role} selected={role === member.role}>
                              {props.m.roles[role]}
                            </option>
                          ))}
                        </select>
                        <input name="centerId" aria-label={m.center} value={member.centerId ?? ''} size={4} inputmode="numeric" />
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
              {m.center} <input name="centerId" inputmode="numeric" size={4} value={session.actor.centerId ?? ''} />
            </label>
          </div>
          <label>
            <input type="checkbox" name="trusted" value="yes" /> {m.trusted}
          </label>
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
    const result = await admin.add(c.get('staffSession')!.actor, parsed.data);
    if (!result.ok) {
      if (result.error === 'auth.forbidden') return consoleError(c, 403, 'auth.forbidden');
      return listPage(c, { error: errorMessage(c.get('locale'), result.error), status: 422 });
    }
    return listPage(c, {
      notice: consoleProps(c).m.staff.created,
      link: `${publicUrl}/console/enrol/${result.value.enrolToken}`,
    });
  });

  consoleRoute(router, 'POST', '/console/staff/:id/:action', async (c) => {
    const id = parseId(c.req.param('id'));
    const action = c.req.param('action') as StaffAction;
    if (id === null || !ACTIONS.includes(action)) return consoleError(c, 404, 'request.notFound');
    const actor = c.get('staffSession')!.actor;
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
    else if (action === 'activate' || action === 'deactivate') result = await admin.setActive(actor, id, action === 'activate');
    else result = await admin.setTrusted(actor, id, action === 'trust');
    if (!result.ok) {
      if (result.error === 'auth.forbidden') return consoleError(c, 403, 'auth.forbidden');
      return listPage(c, { error: errorMessage(c.get('locale'), result.error), status: 422 });
    }
    return c.redirect('/console/staff?done=1', 303);
  });
}
