import type { CenterChoice } from '../../../../services/centers-service.ts';
import { CALL_OUTCOMES } from '../../../../services/inbox/moves.ts';
import { CenterSelect } from '../../views/center-select.tsx';
import { ConsoleLayout, CsrfField, ErrorNote, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { InboxMessages } from '../messages.ts';

export interface CallValues {
  centerId: number | null;
  phone: string;
  note: string;
  outcome: string;
}

/** Logging a hotline call: number (optional), note, outcome; a global admin names the center. */
export function CallPage(props: {
  shell: ConsoleShellProps;
  m: InboxMessages;
  values: CallValues;
  centers: readonly CenterChoice[] | null;
  error: string | undefined;
}) {
  const { m, values } = props;
  return (
    <ConsoleLayout {...props.shell} title={m.call.title}>
      <p>
        <a href="/console/inbox">{m.backToList}</a>
      </p>
      <p>{m.call.intro}</p>
      <ErrorNote message={props.error} />
      <form method="post" action="/console/inbox/calls" id="call">
        <CsrfField session={props.shell.session} />
        {props.centers && (
          <p>
            {m.center} <CenterSelect centers={props.centers} selected={values.centerId} label={m.center} />
          </p>
        )}
        <p>
          <label>
            {m.call.phone}
            {/* A text field with the phone keypad: the console's styles give text fields the full width and a large
                touch target, while a bare type="tel" stays a small box a volunteer can hardly hit. */}
            <input type="text" inputmode="tel" name="phone" value={values.phone} maxlength={40} autocomplete="off" />
          </label>
        </p>
        <fieldset>
          <legend>{m.call.outcome}</legend>
          {CALL_OUTCOMES.map((outcome) => (
            <label>
              <input type="radio" name="outcome" value={outcome} checked={values.outcome === outcome} required /> {m.outcomes[outcome]}{' '}
            </label>
          ))}
        </fieldset>
        <p>
          <label>
            {m.call.note}
            <textarea name="note" rows={5} maxlength={5000}>
              {values.note}
            </textarea>
          </label>
        </p>
        <button type="submit">{m.call.save}</button>
      </form>
    </ConsoleLayout>
  );
}
