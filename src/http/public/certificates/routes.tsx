import { Hono } from 'hono';
import { isDisclosure, normalizeCertificateNumber } from '../../../domain/certificates/certificate.ts';
import { errorMessage } from '../../../i18n/index.ts';
import type { CertificateService } from '../../../services/certificates/certificate-service.ts';
import type { DeclarationService } from '../../../services/declaration-service.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';
import { readFormBody, single } from '../../form-body.ts';
import { FORM_TYPES, requireContentType } from '../../middleware/content-type/content-type.ts';
import { noStore } from '../../middleware/no-store/no-store.ts';
import { pageProps, renderPage } from '../../render.ts';
import { receiptLimit } from '../receipt/receipt-limit.ts';
import { LookupPage } from '../receipt/views/lookup-pages.tsx';
import { DocumentPage } from './views/document-page.tsx';
import { RequestedPage, StandingPage } from './views/standing-page.tsx';
import { VerifyPage } from './views/verify-page.tsx';

/**
 * Certificates (docs/certificates.md). The holder reaches theirs through the receipt, whose number and
 * password travel only in POST bodies; the public check takes a certificate number in the URL, which
 * leads to nothing else.
 */
export function certificateRoutes(certificates: CertificateService, declarations: DeclarationService, timeZone: string, publicUrl: string) {
  const routes = new Hono<AppEnv>();
  routes.use('/certificates/request', noStore());
  routes.use('/certificates/view', noStore());
  // Both check a receipt's number and password: within the receipt checks' allowance, as the receipt pages are.
  routes.use('/certificates/request', receiptLimit(declarations));
  routes.use('/certificates/view', receiptLimit(declarations));
  const formOnly = requireContentType(FORM_TYPES, (c) => respondError(c, 415, 'request.unsupportedType'));

  routes.post('/certificates/request', formOnly, async (c) => {
    const fields = await readFormBody(c);
    if (!fields) return respondError(c, 400, 'request.malformed');
    const registrationNumber = single(fields.registrationNumber).slice(0, 64);
    const queryPassword = single(fields.queryPassword).slice(0, 64);
    const locale = c.get('locale');
    const standing = await certificates.standing(registrationNumber, queryPassword);
    if (!standing.ok) {
      const error = errorMessage(locale, standing.error);
      return renderPage(c, <LookupPage {...pageProps(c)} registrationNumber={registrationNumber} error={error} />, 422);
    }
    const show = (error?: string, chosen?: { name: string; disclosure: string }) =>
      renderPage(
        c,
        <StandingPage
          {...pageProps(c)}
          standing={standing.value}
          queryPassword={queryPassword}
          timeZone={timeZone}
          error={error}
          chosen={chosen}
        />,
        error ? 422 : 200,
      );
    if (single(fields.step) !== 'request') return show();
    const name = single(fields.name);
    const disclosure = single(fields.disclosure);
    const chosen = { name, disclosure };
    if (!isDisclosure(disclosure)) return show(errorMessage(locale, 'request.invalid'), chosen);
    const result = await certificates.request(registrationNumber, queryPassword, {
      name,
      disclosure,
      realName: single(fields.realName) === 'yes',
      locale,
    });
    if (!result.ok) return show(errorMessage(locale, result.error), chosen);
    return c.redirect(`/${locale}/certificates/requested`, 303);
  });

  routes.get('/certificates/requested', (c) => renderPage(c, <RequestedPage {...pageProps(c)} />));

  routes.post('/certificates/view', formOnly, async (c) => {
    const fields = await readFormBody(c);
    if (!fields) return respondError(c, 400, 'request.malformed');
    const registrationNumber = single(fields.registrationNumber).slice(0, 64);
    const result = await certificates.document(registrationNumber, single(fields.queryPassword).slice(0, 64));
    if (!result.ok) {
      const error = errorMessage(c.get('locale'), result.error);
      return renderPage(c, <LookupPage {...pageProps(c)} registrationNumber={registrationNumber} error={error} />, 422);
    }
    return renderPage(c, <DocumentPage {...pageProps(c)} certificate={result.value} publicUrl={publicUrl} />);
  });

  routes.get('/certificates/verify', async (c) => {
    const number = (c.req.query('number') ?? '').slice(0, 64);
    const normalized = number === '' ? null : normalizeCertificateNumber(number);
    const check = normalized ? await certificates.verify(normalized) : null;
    const invalid = number !== '' && !normalized;
    return renderPage(
      c,
      <VerifyPage {...pageProps(c)} number={number} normalized={normalized} check={check} invalid={invalid} />,
      invalid ? 422 : 200,
    );
  });
  return routes;
}
