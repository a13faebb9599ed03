import { zonedDate } from '../../../../i18n/zoned-time.ts';
import type { PasskeyService } from '../../../../services/passkey-service.ts';
import { ConsoleLayout, CsrfField, ErrorNote, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { PasskeysMessages } from '../messages.ts';
import { PasskeyScript } from './passkey-script.tsx';

type Passkey = Awaited<ReturnType<PasskeyService['list']>>[number];

/** A staff member's passkeys, each with a remove button, and the form that adds one (with JavaScript). */
export function PasskeysPage(props: {
  shell: ConsoleShellProps;
  m: PasskeysMessages;
  passkeys: readonly Passkey[];
  timeZone: string;
  error: string | undefined;
  /** Shown by the passkeys script when the browser's attempt fails. */
  passkeyInvalid: string;
}) {
  const { shell, m, timeZone } = props;
  return (
    <ConsoleLayout {...shell} title={m.title}>
      <p>{m.intro}</p>
      <ErrorNote message={props.error} />
      {/* An alert, so that when the script shows it a screen reader says the passkey failed. */}
      <p class="error" role="alert" id="passkey-status" hidden>
        {props.passkeyInvalid}
      </p>
      <table>
        <tbody>
          {props.passkeys.map((passkey) => (
            <tr>
              <td>{passkey.name}</td>
              <td>{zonedDate(passkey.createdAt, shell.t, timeZone)}</td>
              <td>{passkey.lastUsedAt ? zonedDate(passkey.lastUsedAt, shell.t, timeZone) : m.never}</td>
              <td>
                <form method="post" action={`/console/passkey/${passkey.id}/delete`} class="inline">
                  <CsrfField session={shell.session} />
                  <button type="submit" class="chip">
                    {m.remove}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/console/passkeys" class="row">
        <CsrfField session={shell.session} />
        <input type="hidden" name="credential" value="" />
        <label>
          {m.name} <input name="name" maxlength={60} value="Passkey" />
        </label>
        <button type="submit" data-passkey="register" data-options="/console/passkeys/options" hidden>
          {m.add}
        </button>
      </form>
      <noscript>
        <p class="hint">{m.needsScript}</p>
      </noscript>
      <PasskeyScript nonce={shell.nonce} />
    </ConsoleLayout>
  );
}
