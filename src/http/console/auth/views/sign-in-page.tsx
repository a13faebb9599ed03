import { ConsoleLayout, CsrfField, ErrorNote, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { AuthMessages } from '../messages.ts';

export function SignInPage(props: {
  shell: ConsoleShellProps;
  m: AuthMessages['signIn'];
  error: string | undefined;
  notice: string | undefined;
}) {
  const { m } = props;
  return (
    <ConsoleLayout {...props.shell} session={undefined} title={m.title}>
      {props.notice && <p class="notice">{props.notice}</p>}
      <ErrorNote message={props.error} />
      <form method="post" action="/console/sign-in">
        {/* Only present if a session cookie is: then the CSRF check expects it. */}
        <CsrfField session={props.shell.session} />
        <div class="field">
          <label for="email">{m.email}</label>
          <input id="email" name="email" type="email" autocomplete="username" required maxlength={254} />
        </div>
        <div class="field">
          <label for="password">{m.password}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required maxlength={256} />
        </div>
        <button type="submit">{m.submit}</button>
      </form>
    </ConsoleLayout>
  );
}
