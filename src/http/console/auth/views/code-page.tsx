import { ConsoleLayout, CsrfField, ErrorNote, type ConsoleShellProps } from '../../views/console-layout.tsx';
import { PasskeyScript } from '../../passkeys/views/passkey-script.tsx';
import type { AuthMessages } from '../messages.ts';

/** The second step of signing in: a code from the authenticator app, or a passkey if the person has one. */
export function CodePage(props: {
  shell: ConsoleShellProps;
  m: AuthMessages['signIn'];
  error: string | undefined;
  /** Shown by the passkeys script when the browser's attempt fails. */
  passkeyInvalid: string;
  hasPasskey: boolean;
}) {
  const { m, shell, hasPasskey } = props;
  return (
    <ConsoleLayout {...shell} title={m.totpTitle}>
      <p>{m.totpIntro}</p>
      <ErrorNote message={props.error} />
      {/* An alert, so that when the script shows it a screen reader says the passkey failed. */}
      <p class="error" role="alert" id="passkey-status" hidden>
        {props.passkeyInvalid}
      </p>
      <form method="post" action="/console/sign-in/code">
        <CsrfField session={shell.session} />
        <div class="field">
          <label for="code">{m.code}</label>
          <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required maxlength={7} />
        </div>
        <button type="submit">{m.verify}</button>
      </form>
      {hasPasskey && (
        <form method="post" action="/console/sign-in/passkey">
          <CsrfField session={shell.session} />
          <input type="hidden" name="credential" value="" />
          <button type="button" class="secondary" data-passkey="authenticate" data-options="/console/sign-in/passkey/options" hidden>
            {m.usePasskey}
          </button>
        </form>
      )}
      {hasPasskey && <PasskeyScript nonce={shell.nonce} />}
    </ConsoleLayout>
  );
}
