import { ConsoleLayout, CsrfField, ErrorNote, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { AuthMessages } from '../messages.ts';

/** Choosing a password from a one-time link: the first one (enrol) or a new one (reset). */
export function PasswordPage(props: {
  shell: ConsoleShellProps;
  m: AuthMessages['enrol'];
  purpose: 'enrol' | 'reset';
  error: string | undefined;
}) {
  const { m } = props;
  return (
    <ConsoleLayout {...props.shell} session={undefined} title={props.purpose === 'enrol' ? m.title : m.resetTitle}>
      <p>{m.intro}</p>
      <ErrorNote message={props.error} />
      <form method="post">
        {/* Only present if a session cookie is: then the CSRF check expects it. */}
        <CsrfField session={props.shell.session} />
        <div class="field">
          <label for="password">{m.password}</label>
          <input id="password" name="password" type="password" autocomplete="new-password" required minlength={12} maxlength={256} />
        </div>
        <div class="field">
          <label for="confirmation">{m.confirm}</label>
          <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required maxlength={256} />
        </div>
        <button type="submit">{m.submit}</button>
      </form>
    </ConsoleLayout>
  );
}
