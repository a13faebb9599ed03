import { BATCH_CONSENT } from '../../../../domain/batch/batch-input.ts';
import { BEHALVES } from '../../../../domain/declaration/fields.ts';
import { ORGANIZATIONS } from '../../../../domain/declaration/organizations.ts';
import { OUTCOMES } from '../../../../domain/outreach/outcomes.ts';
import type { CallScreen } from '../../../../services/outreach/calls-service.ts';
import { ConsoleLayout, CsrfField, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { DeclaredValues } from '../declared-form.ts';
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
  values: { outcome: string; callbackAt: string; answers: Record<string, string>; declared: DeclaredValues };
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
            <DeclaredFields m={m} values={props.values.declared} />
            <button type="submit">{m.call.record}</button>
          </form>
        </>
      )}
    </ConsoleLayout>
  );
}

/** What a "declared" call agreed to, carried to batch entry; read only when that is the outcome. */
function DeclaredFields({ m, values }: { m: OutreachMessages; values: DeclaredValues }) {
  const d = m.call.declared;
  return (
    <fieldset id="declared">
      <legend>{d.legend}</legend>
      <p class="hint">{d.hint}</p>
      <div class="field">
        <label for="declared-alias">{d.alias}</label>
        <input
          type="text"
          id="declared-alias"
          name="declared.alias"
          value={values.alias}
          maxlength={120}
          autocomplete="off"
          aria-describedby="declared-alias-hint"
        />
        <p class="hint" id="declared-alias-hint">
          {d.aliasHint}
        </p>
      </div>
      <fieldset>
        <legend>{d.orgs}</legend>
        {ORGANIZATIONS.map((org) => (
          <label>
            <input type="checkbox" id={`declared-orgs-${org}`} name="declared.orgs" value={org} checked={values.orgs.includes(org)} />
            {d.orgNames[org]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{d.behalf}</legend>
        {BEHALVES.map((behalf) => (
          <label>
            <input type="radio" id={`declared-behalf-${behalf}`} name="declared.behalf" value={behalf} checked={values.behalf === behalf} />
            {d.behalves[behalf]}
          </label>
        ))}
      </fieldset>
      <label>
        <input type="checkbox" id="declared-consent" name="declared.consent" value={BATCH_CONSENT} checked={values.consent} />
        {d.consent}
      </label>
    </fieldset>
  );
}
