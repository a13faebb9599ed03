import { ConsoleLayout, CsrfField, ErrorNote, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { AuthMessages } from '../messages.ts';

/** Setting up the authenticator app: its QR code and key, and a first code to confirm it. */
export function SecondFactorPage(props: {
  shell: ConsoleShellProps;
  m: AuthMessages;
  /** The new key, shown for typing in, and the same key sealed for the form. */
  enrolment: { secret: string; sealed: string };
  /** The QR code as a data: image, so the SVG stays out of the HTML. */
  qr: string;
  error: string | undefined;
}) {
  const { shell, enrolment } = props;
  const m = props.m.enrol;
  return (
    <ConsoleLayout {...shell} title={m.totpTitle}>
      <p>{m.totpIntro}</p>
      <ErrorNote message={props.error} />
      <p class="qr">
        <img src={props.qr} alt={m.totpTitle} width={224} height={224} />
      </p>
      <p>
        {m.secret}:{' '}
        <code class="secret" id="totp-secret">
          {enrolment.secret}
        </code>
      </p>
      <form method="post" action="/console/second-factor">
        <CsrfField session={shell.session} />
        <input type="hidden" name="enrolment" value={enrolment.sealed} />
        <div class="field">
          <label for="code">{props.m.signIn.code}</label>
          <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength={7} />
        </div>
        <button type="submit">{m.confirmCode}</button>
      </form>
    </ConsoleLayout>
  );
}
