import { OUTCOMES, consequenceOf, fixedKind, type Consequence, type ConsequenceOverrides } from '../../../../domain/outreach/outcomes.ts';
import type { SignedInSession } from '../../../../services/staff-auth-service.ts';
import { CsrfField } from '../../views/console-layout.tsx';
import type { OutreachMessages } from '../messages.ts';

const KINDS: readonly Consequence['kind'][] = ['retry', 'close', 'suppress', 'callback'];

/** Each outcome's consequence in this campaign; the fixed ones are shown, not offered. */
export function ConsequencesForm(props: {
  m: OutreachMessages;
  session: SignedInSession | undefined;
  action: string;
  overrides: ConsequenceOverrides;
}) {
  const { m } = props;
  const c = m.consequences;
  return (
    <form method="post" action={props.action} id="consequences-form">
      <CsrfField session={props.session} />
      <table>
        <thead>
          <tr>
            <th>{c.outcome}</th>
            <th>{c.kind}</th>
            <th>{c.afterHours}</th>
            <th>{c.maxAttempts}</th>
            <th>{c.for}</th>
          </tr>
        </thead>
        <tbody>
          {OUTCOMES.map((outcome) => {
            const current = consequenceOf(outcome, props.overrides);
            const fixed = fixedKind(outcome);
            const retry = current.kind === 'retry' ? current : null;
            return (
              <tr data-outcome={outcome}>
                <td>{m.call.outcomes[outcome]}</td>
                <td>
                  {fixed ? (
                    <>
                      {c.kinds[fixed]} <span class="hint">({c.fixed})</span>
                      <input type="hidden" name={`kind.${outcome}`} value={fixed} />
                    </>
                  ) : (
                    <select name={`kind.${outcome}`} aria-label={`${m.call.outcomes[outcome]} ${c.kind}`}>
                      {KINDS.map((kind) => (
                        <option value={kind} selected={current.kind === kind}>
                          {c.kinds[kind]}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td>
                  {!fixed && (
                    <input
                      type="number"
                      name={`afterHours.${outcome}`}
                      min="1"
                      max="720"
                      value={String(retry?.afterHours ?? 24)}
                      aria-label={`${m.call.outcomes[outcome]} ${c.afterHours}`}
                    />
                  )}
                </td>
                <td>
                  {!fixed && (
                    <input
                      type="number"
                      name={`maxAttempts.${outcome}`}
                      min="1"
                      max="20"
                      value={String(retry?.maxAttempts ?? 3)}
                      aria-label={`${m.call.outcomes[outcome]} ${c.maxAttempts}`}
                    />
                  )}
                </td>
                <td>
                  {(fixed === null || fixed === 'callback') && (
                    <select name={`for.${outcome}`} aria-label={`${m.call.outcomes[outcome]} ${c.for}`}>
                      <option value="me" selected={current.kind !== 'callback' || current.for === 'me'}>
                        {c.forMe}
                      </option>
                      <option value="center" selected={current.kind === 'callback' && current.for === 'center'}>
                        {c.forCenter}
                      </option>
                    </select>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="submit">{c.save}</button>
    </form>
  );
}
