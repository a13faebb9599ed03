import { formatCertificateNumber } from '../../../../domain/certificates/certificate.ts';
import { longDate } from '../../../../i18n/formats.ts';
import type { CertificateCheck } from '../../../../services/certificates/certificate-service.ts';
import { Layout, type PageProps } from '../../../views/layout.tsx';
import { certificateMessages } from '../messages.ts';

type BaseProps = Omit<PageProps, 'title' | 'path' | 'children'>;

/** The public check: a number in, and only what its holder chose to show out. */
export function VerifyPage(
  props: BaseProps & { number: string; normalized: string | null; check: CertificateCheck | null; invalid: boolean },
) {
  const { t, locale, number, normalized, check, invalid } = props;
  const m = certificateMessages(locale).verify;
  const day = (value: string) => longDate(new Date(`${value}T00:00:00Z`), t.lang);
  return (
    <Layout {...props} title={m.title} path={normalized ? `/certificates/verify?number=${normalized}` : '/certificates/verify'}>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <form method="get" action={`/${locale}/certificates/verify`} accept-charset="utf-8">
        <div class="field">
          <label for="number">{m.numberLabel}</label>
          <input id="number" name="number" type="text" autocomplete="off" required maxlength={40} value={number} />
        </div>
        <p>
          <button type="submit">{m.submit}</button>
        </p>
      </form>
      {invalid && (
        <p class="error" id="verification" data-state="invalid" role="alert">
          {m.invalidNumber}
        </p>
      )}
      {check?.state === 'unknown' && (
        <p class="error" id="verification" data-state="unknown" role="alert">
          {m.unknown}
        </p>
      )}
      {check?.state === 'revoked' && (
        <p class="warning" id="verification" data-state="revoked" role="alert">
          {m.revoked(day(check.issuedOn))}
        </p>
      )}
      {check?.state === 'valid' && (
        <section class="counter" id="verification" data-state="valid">
          <p class="status">{m.valid(day(check.issuedOn))}</p>
          {normalized && <p>{formatCertificateNumber(normalized)}</p>}
          {check.name === null ? (
            <p>{m.hidden}</p>
          ) : (
            <dl class="facts">
              <dt>{m.nameLabel}</dt>
              <dd id="verified-name">{check.name}</dd>
              <dt>{m.orgsLabel}</dt>
              <dd>{certificateMessages(locale).orgs(check.orgs ?? [])}</dd>
            </dl>
          )}
        </section>
      )}
    </Layout>
  );
}
