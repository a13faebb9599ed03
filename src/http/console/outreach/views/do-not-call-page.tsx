import { ConsoleLayout, CsrfField, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { OutreachMessages } from '../messages.ts';

/** The do-not-call list: how many numbers it holds, a number to add, a number to look up. */
export function DoNotCallPage(props: {
  shell: ConsoleShellProps;
  m: OutreachMessages;
  count: number;
  notice: string | undefined;
  error: string | undefined;
  phone: string;
}) {
  const { m, shell } = props;
  return (
    <ConsoleLayout {...shell} title={m.doNotCall.title}>
      <p>{m.doNotCall.intro}</p>
      <p id="dnc-count">{m.doNotCall.count(props.count)}</p>
      {props.notice && (
        <p class="notice" role="status" id="notice">
          {props.notice}
        </p>
      )}
      {props.error && (
        <p class="error" role="alert" id="error">
          {props.error}
        </p>
      )}
      <form method="post" action="/console/do-not-call" class="row" id="dnc-form">
        <CsrfField session={shell.session} />
        <div>
          <label for="phone">{m.doNotCall.phone}</label>
          <input id="phone" name="phone" type="tel" maxlength={40} required value={props.phone} />
        </div>
        <button type="submit">{m.doNotCall.add}</button>
        <button type="submit" class="secondary" formaction="/console/do-not-call/check">
          {m.doNotCall.check}
        </button>
      </form>
    </ConsoleLayout>
  );
}
