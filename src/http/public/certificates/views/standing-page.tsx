import { longDate } from '../../../../i18n/formats.ts';
import { zonedDate } from '../../../../i18n/zoned-time.ts';
import type { CertificateStanding } from '../../../../services/certificates/certificate-service.ts';
import { ERROR_SUMMARY, Layout, type PageProps } from '../../../views/layout.tsx';
import { certificateMessages } from '../messages.ts';

type BaseProps = Omit<PageProps, 'title' | 'path' | 'children'>;

const day = (value: string, lang: string) => longDate(new Date(`${value}T00:00:00Z`), lang);

/** The receipt travels on in hidden fields, as on the receipt's own pages; these pages are never cached. */
function ReceiptFields({ registrationNumber, queryPassword }: { registrationNumber: string; queryPassword: string }) {
  return (
    <>
      <input type="hidden" name="registrationNumber" value={registrationNumber} />
      <input type="hidden" name="queryPassword" value={queryPassword} />
    </>
  );
}

/** Where a declarant's certificate stands, and the request form when one may be asked for. */
export function StandingPage(
  props: BaseProps & {
    standing: CertificateStanding;
    queryPassword: string;
    timeZone: string;
    error?: string | undefined;
    chosen?: { name: string; disclosure: string } | undefined;
  },
) {
  const { t, locale, standing, queryPassword, error, chosen } = props;
  const m = certificateMessages(locale).standing;
  const latest = standing.latest;
  const mayRequest = standing.published && (!latest || latest.status === 'refused');
  const credentials = <ReceiptFields registrationNumber={standing.registrationNumber} queryPassword={queryPassword} />;
  return (
    <Layout {...props} title={m.title} path="/receipt" failed={Boolean(error)}>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {error && (
        <p {...ERROR_SUMMARY} class="error">
          {error}
        </p>
      )}
      {!standing.published && !latest && <p id="certificate-state">{m.notPublished}</p>}
      {latest?.status === 'requested' && <p id="certificate-state">{m.requested(zonedDate(latest.requestedAt, t, props.timeZone))}</p>}
      {latest?.status === 'refused' && <p id="certificate-state">{m.refused}</p>}
      {latest?.status === 'issued' && (
        <>
          <p id="certificate-state" class={latest.revoked ? 'warning' : undefined}>
            {latest.revoked ? m.revoked : m.issued(day(latest.issuedOn!, t.lang))}
          </p>
          <form method="post" action={`/${locale}/certificates/view`}>
            {credentials}
            <p>
              <button type="submit">{m.open}</button>
            </p>
          </form>
        </>
      )}
      {mayRequest && (
        <form method="post" action={`/${locale}/certificates/request`} accept-charset="utf-8">
          {credentials}
          <input type="hidden" name="step" value="request" />
          <fieldset>
            <legend>{m.nameLabel}</legend>
            <p class="hint">{m.nameHint}</p>
            {standing.names.map((name, index) => (
              <label>
                <input type="radio" name="name" value={name} required checked={chosen ? chosen.name === name : index === 0} />
                {name}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{m.disclosureLegend}</legend>
            {(['validity', 'name'] as const).map((value) => (
              <label>
                <input type="radio" name="disclosure" value={value} required checked={(chosen?.disclosure ?? 'validity') === value} />
                {m.disclosure[value]}
              </label>
            ))}
          </fieldset>
          <p class="warning">{m.safety}</p>
          <fieldset>
            <label>
              <input type="checkbox" name="realName" value="yes" required />
              {m.realName}
            </label>
          </fieldset>
          <p>
            <button type="submit">{m.submit}</button>
          </p>
        </form>
      )}
      <form method="post" action={`/${locale}/receipt`}>
        {credentials}
        <p>
          <button type="submit" class="secondary">
            {m.back}
          </button>
        </p>
      </form>
    </Layout>
  );
}

export function RequestedPage(props: BaseProps) {
  const m = certificateMessages(props.locale).requestedPage;
  return (
    <Layout {...props} title={m.title} path="/certificates/requested">
      <h1>{m.title}</h1>
      <p>{m.body}</p>
    </Layout>
  );
}
