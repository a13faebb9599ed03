import { zonedDateTime } from '../../../../i18n/zoned-time.ts';
import { formatRegistrationNumber } from '../../../../domain/declaration/registration-number.ts';
import type { ReceiptStatus } from '../../../../services/declaration-service.ts';
import { ERROR_SUMMARY, Layout, type PageProps } from '../../../views/layout.tsx';

type BaseProps = Omit<PageProps, 'title' | 'path' | 'children'>;

export function LookupPage(props: BaseProps & { registrationNumber: string; error?: string | undefined }) {
  const { t, locale, registrationNumber, error } = props;
  return (
    <Layout {...props} title={t.lookup.title} path="/receipt" failed={Boolean(error)}>
      <h1>{t.lookup.title}</h1>
      <p>{t.lookup.intro}</p>
      {error && (
        <p {...ERROR_SUMMARY} class="error">
          {error}
        </p>
      )}
      <form method="post" action={`/${locale}/receipt`} accept-charset="utf-8">
        <div class="field">
          <label for="registrationNumber">{t.lookup.numberLabel}</label>
          <input
            id="registrationNumber"
            name="registrationNumber"
            type="text"
            inputmode="numeric"
            autocomplete="off"
            required
            maxlength={40}
            value={registrationNumber}
          />
        </div>
        <div class="field">
          <label for="queryPassword">{t.lookup.passwordLabel}</label>
          <input id="queryPassword" name="queryPassword" type="password" autocomplete="off" required maxlength={60} />
        </div>
        <p>
          <button type="submit">{t.lookup.submit}</button>
        </p>
      </form>
    </Layout>
  );
}

/** Hidden credentials let the next step act without asking again; the page is never cached. */
function ReceiptFields({ registrationNumber, queryPassword }: { registrationNumber: string; queryPassword: string }) {
  return (
    <>
      <input type="hidden" name="registrationNumber" value={registrationNumber} />
      <input type="hidden" name="queryPassword" value={queryPassword} />
    </>
  );
}

export function StatusPage(props: BaseProps & { receipt: ReceiptStatus; queryPassword: string; timeZone: string }) {
  const { t, locale, receipt, queryPassword } = props;
  return (
    <Layout {...props} title={t.lookup.statusHeading} path="/receipt">
      <h1>{t.lookup.statusHeading}</h1>
      <dl class="facts">
        <dt>{t.receipt.numberLabel}</dt>
        <dd>{formatRegistrationNumber(receipt.registrationNumber)}</dd>
        <dt>{t.receipt.statusLabel}</dt>
        <dd class="status" id="status" data-status={receipt.status}>
          {t.status[receipt.status]}
        </dd>
        <dt>{t.lookup.submittedLabel}</dt>
        <dd>
          <time datetime={receipt.submittedAt.toISOString()}>{zonedDateTime(receipt.submittedAt, t, props.timeZone)}</time>
        </dd>
        {receipt.rejectReason && (
          <>
            <dt>{t.lookup.reasonLabel}</dt>
            {receipt.rejectReasonLabels ? (
              <dd id="reason">{receipt.rejectReasonLabels[locale]}</dd>
            ) : (
              <dd id="reason">
                {receipt.rejectReason} <span class="hint">{t.lookup.reasonAsWritten}</span>
              </dd>
            )}
          </>
        )}
        {receipt.feedback && (
          <>
            <dt>{t.lookup.feedbackLabel}</dt>
            <dd id="feedback">{receipt.feedback}</dd>
          </>
        )}
      </dl>
      <p>{t.statusHelp[receipt.status]}</p>
      {receipt.status === 'published' && (
        <p>
          <a href={`/${locale}/declarations/${receipt.registrationNumber}`}>{t.lookup.permalink}</a>
        </p>
      )}
      {receipt.status === 'published' && (
        <form method="post" action={`/${locale}/certificates/request`}>
          <ReceiptFields registrationNumber={receipt.registrationNumber} queryPassword={queryPassword} />
          <button type="submit" class="secondary">
            {t.lookup.certificate}
          </button>
        </form>
      )}
      {receipt.status !== 'retracted' && (
        <form method="post" action={`/${locale}/receipt/retract`}>
          <ReceiptFields registrationNumber={receipt.registrationNumber} queryPassword={queryPassword} />
          <button type="submit" class="secondary">
            {t.lookup.retract}
          </button>
        </form>
      )}
    </Layout>
  );
}

export function RetractConfirmPage(props: BaseProps & { registrationNumber: string; queryPassword: string }) {
  const { t, locale, registrationNumber, queryPassword } = props;
  return (
    <Layout {...props} title={t.retract.title} path="/receipt">
      <h1>{t.retract.title}</h1>
      <p>{formatRegistrationNumber(registrationNumber)}</p>
      <p class="warning">{t.retract.warning}</p>
      <form method="post" action={`/${locale}/receipt/retract`}>
        <ReceiptFields registrationNumber={registrationNumber} queryPassword={queryPassword} />
        <p class="actions">
          <button type="submit" name="confirm" value="yes">
            {t.retract.confirm}
          </button>
          {/* Back to the status, which only a post of the receipt shows: the same fields, to the lookup. */}
          <button type="submit" class="secondary" formaction={`/${locale}/receipt`}>
            {t.retract.cancel}
          </button>
        </p>
      </form>
    </Layout>
  );
}

export function RetractedPage(props: BaseProps) {
  const { t } = props;
  return (
    <Layout {...props} title={t.retract.doneTitle} path="/receipt">
      <h1>{t.retract.doneTitle}</h1>
      <p>{t.retract.done}</p>
    </Layout>
  );
}
