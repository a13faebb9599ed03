import { renderSVG } from 'uqr';
import { formatCertificateNumber } from '../../../../domain/certificates/certificate.ts';
import { longDate } from '../../../../i18n/formats.ts';
import type { CertificateDocument } from '../../../../services/certificates/certificate-service.ts';
import { Layout, type PageProps } from '../../../views/layout.tsx';
import { CERTIFICATE_STYLES } from '../../../views/styles.ts';
import { certificateMessages } from '../messages.ts';

type BaseProps = Omit<PageProps, 'title' | 'path' | 'children'>;

/** The verification page a certificate's QR code opens, on the registry's public address. */
function verifyUrl(publicUrl: string, locale: string, number: string): string {
  return `${publicUrl.replace(/\/$/, '')}/${locale}/certificates/verify?number=${number}`;
}

/**
 * The certificate as its holder prints it: one page on A4 or Letter (the site's print rules hide the
 * navigation), with a small QR code to the verification page and the signed note itself, so a saved
 * copy of the page verifies offline. The QR code is a data: image, so no SVG markup enters the page.
 */
export function DocumentPage(props: BaseProps & { certificate: CertificateDocument; publicUrl: string }) {
  const { t, locale, certificate, publicUrl } = props;
  const m = certificateMessages(locale).document;
  const url = verifyUrl(publicUrl, locale, certificate.number);
  const qr = `data:image/svg+xml;base64,${Buffer.from(renderSVG(url, { border: 1 })).toString('base64')}`;
  const pageUrl = `${publicUrl.replace(/\/$/, '')}/${locale}/certificates/verify`;
  return (
    <Layout {...props} title={m.heading} path="/certificates/verify" styles={CERTIFICATE_STYLES}>
      <p class="hint no-print">{m.printHint}</p>
      <article class="certificate" id="certificate">
        <p class="certificate-issuer">{t.siteName}</p>
        <h1>{m.heading}</h1>
        {certificate.revoked && (
          <p class="warning" id="certificate-revoked">
            {m.revoked}
          </p>
        )}
        <p>{m.certifies}</p>
        <p class="certificate-name" id="certificate-name">
          {certificate.name}
        </p>
        <p>{m.body(certificateMessages(locale).orgs(certificate.orgs), t.siteName)}</p>
        <dl class="facts">
          <dt>{m.numberLabel}</dt>
          <dd id="certificate-number">{formatCertificateNumber(certificate.number)}</dd>
          <dt>{m.issuedLabel}</dt>
          <dd>
            <time datetime={certificate.issuedOn}>{longDate(new Date(`${certificate.issuedOn}T00:00:00Z`), t.lang)}</time>
          </dd>
        </dl>
        <div class="certificate-check">
          <img src={qr} alt={m.qrAlt} width="96" height="96" />
          <p>{m.verify(pageUrl)}</p>
        </div>
        <p class="hint">{m.signature}</p>
        <pre class="certificate-note" id="certificate-note">
          {certificate.signedNote}
        </pre>
      </article>
    </Layout>
  );
}
