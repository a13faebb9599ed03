import type { SignedInSession } from '../../../../services/staff-auth-service.ts';
import { ConsoleLayout, CsrfField, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { StaffMessages } from '../messages.ts';

/** Asks before a deactivation, which signs the person out at once. */
export function DeactivatePage(props: {
  shell: ConsoleShellProps;
  m: StaffMessages;
  session: SignedInSession;
  member: { id: number; name: string; email: string };
}) {
  const { m, member } = props;
  return (
    <ConsoleLayout {...props.shell} title={m.confirmTitle}>
      <p id="confirm-deactivate">{m.confirmDeactivate(member.name, member.email)}</p>
      <p>{m.deactivateEffect}</p>
      <form method="post" action={`/console/staff/${member.id}/deactivate`} class="row">
        <CsrfField session={props.session} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit">{m.confirmDeactivateButton}</button>
        <a href="/console/staff">{m.cancel}</a>
      </form>
    </ConsoleLayout>
  );
}
