import { OUTCOMES } from '../../../../domain/outreach/outcomes.ts';
import type { CallScreen } from '../../../../services/outreach/calls-service.ts';
import { ConsoleLayout, CsrfField, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { OutreachMessages } from '../messages.ts';

/**
 * Preview dialing: the first contact of the volunteer's lease, the number behind an audited
 * reveal (then a tel: link), the script, and the outcome that must be recorded before the next.
 */
export function CallPage(props: {
  shell: ConsoleShellProps;
  m: OutreachMessages;
  screen: CallScreen;
  revealed: { number: string; href: string } | null;
  notice: string | undefined;
  error: string | undefined;
  values: { outcome: string; callbackAt: string; answers: Record<string, string> };
}) {
  const { m, screen, shell } = props;
  const { campaign, contact, script } = screen;
  const base = `/console/campaign/${campaign.id}`;
  return (
    <ConsoleLayout {...shell} title={`${m.call.title} · ${campaign.name}`}>
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
      {contact === null ? (
        <>
          <p id="no-contact">{m.call.none}</p>
          <form method="post" action={`${base}/lease`}>
            <CsrfField session={shell.session} />
            <button type="submit">{m.campaign.take(campaign.leaseSize)}</button>
          </form>
        </>
      ) : (
        <>
          <dl class="facts" id="contact" data-contact-id={contact.id}>
            <dt>{m.campaign.contact.phone}</dt>
            <dd id="phone">{props.revealed ? <a href={props.revealed.href}>{props.revealed.number}</a> : contact.maskedPhone}</dd>
            {(['name', 'title', 'organisation', 'region', 'notes'] as const).map((field) =>
              contact[field] ? (
                <>
                  <dt>{m.campaign.contact[field]}</dt>
                  <dd class="statement">{contact[field]}</dd>
                </>
              ) : null,
            )}
          </dl>
          {screen.calleeClock && <p id="callee-clock">{m.call.localTime(screen.calleeClock)}</p>}
          {!screen.withinHours && (
            <p class="warning" id="outside-hours">
              {m.call.outsideHours(campaign.callingFrom, campaign.callingUntil)}
            </p>
          )}
          {!props.revealed && (
            <form method="post" action={`${base}/call/${contact.id}/reveal`}>
              <CsrfField session={shell.session} />
              <button type="submit">{m.call.reveal}</button>
              <p class="hint">{m.call.revealHint}</p>
            </form>
          )}

          <form method="post" action={`${base}/call/${contact.id}`} id="outcome-form">
            <CsrfField session={shell.session} />
            <h2>{m.call.script}</h2>
            {script === null ? (
              <p>{m.call.noScript}</p>
            ) : (
              <>
                <p class="statement">{script.script.opening}</p>
                <input type="hidden" name="scriptVersion" value={String(script.version)} />
                {script.script.questions.map((question) => (
                  <fieldset>
                    <legend class="statement">{question.text}</legend>
                    {question.answers.map((answer) => (
                      <label>
                        <input
                          type="radio"
                          name={`answer.${question.id}`}
                          value={answer.id}
                          checked={props.values.answers[question.id] === answer.id}
                        />
                        {answer.label}
                      </label>
                    ))}
                  </fieldset>
                ))}
              </>
            )}
            <fieldset>
              <legend>{m.call.outcome}</legend>
              {OUTCOMES.map((outcome) => (
                <label>
                  <input type="radio" name="outcome" value={outcome} required checked={props.values.outcome === outcome} />
                  {m.call.outcomes[outcome]}
                </label>
              ))}
            </fieldset>
            <div class="field">
              <label for="callbackAt">{m.call.callbackAt}</label>
              <input type="datetime-local" id="callbackAt" name="callbackAt" value={props.values.callbackAt} />
            </div>
            <button type="submit">{m.call.record}</button>
          </form>
        </>
      )}
    </ConsoleLayout>
  );
}
