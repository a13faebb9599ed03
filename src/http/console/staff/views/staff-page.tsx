import { STAFF_ROLES } from '../../../../domain/staff/roles.ts';
import { canManageStaffMember } from '../../../../domain/staff/permissions.ts';
import type { CenterChoice } from '../../../../services/centers-service.ts';
import type { StaffAdminService } from '../../../../services/staff-admin-service.ts';
import type { SignedInSession } from '../../../../services/staff-auth-service.ts';
import { CenterSelect } from '../../views/center-select.tsx';
import { ConsoleLayout, CsrfField, ErrorNote, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { StaffAction } from '../actions.ts';
import type { StaffMessages } from '../messages.ts';

type StaffMember = Awaited<ReturnType<StaffAdminService['list']>>[number];

/** The staff the actor manages, with what they may do to each, and the form that adds one. */
export function StaffPage(props: {
  shell: ConsoleShellProps;
  m: StaffMessages;
  session: SignedInSession;
  members: readonly StaffMember[];
  /** The centers a member may be placed in. */
  choices: readonly CenterChoice[];
  /** A global admin may also place a member in no center. */
  global: boolean;
  mayTrust: boolean;
  notice: string | undefined;
  /** A one-time link, shown once. */
  link: string | undefined;
  error: string | undefined;
}) {
  const { shell, m, session, choices, global, mayTrust } = props;
  const roles = shell.m.roles;
  const actionButton = (id: number, action: StaffAction, label: string) => (
    <form method="post" action={`/console/staff/${id}/${action}`} class="inline">
      <CsrfField session={session} />
      <button type="submit" class="chip">
        {label}
      </button>
    </form>
  );
  return (
    <ConsoleLayout {...shell} title={m.title}>
      {props.notice && <p class="notice">{props.notice}</p>}
      {props.link && (
        <p class="secret" id="one-time-link">
          {props.link}
        </p>
      )}
      <ErrorNote message={props.error} />
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
          {props.members.map((member) => (
            <tr data-staff-id={member.id}>
              <td>
                {member.name}
                {member.trusted && ' ✓'}
                {!member.active && ` (${m.inactive})`}
              </td>
              <td>{member.email}</td>
              <td>{roles[member.role]}</td>
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
                      : mayTrust &&
                        (member.role === 'volunteer' || member.role === 'center_admin') &&
                        actionButton(member.id, 'trust', m.trust)}
                    <form method="post" action={`/console/staff/${member.id}/role`} class="row">
                      <CsrfField session={session} />
                      <select name="role" aria-label={m.role}>
                        {STAFF_ROLES.map((role) => (
                          <option value={role} selected={role === member.role}>
                            {roles[role]}
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
                <option value={role}>{roles[role]}</option>
              ))}
            </select>
          </label>
          {/* biome-ignore lint/a11y/noLabelWithoutControl: CenterSelect renders the <select> this label wraps. */}
          <label>
            {m.center}{' '}
            <CenterSelect centers={choices} selected={session.actor.centerId} label={m.center} none={global ? m.noCenter : undefined} />
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
    </ConsoleLayout>
  );
}
