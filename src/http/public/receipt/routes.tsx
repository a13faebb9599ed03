import { Hono } from 'hono';
import { errorMessage } from '../../../i18n/index.ts';
import type { DeclarationService } from '../../../services/declaration-service.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';
import { readFormBody, single } from '../../form-body.ts';
import { FORM_TYPES, requireContentType } from '../../middleware/content-type/content-type.ts';
import { noStore } from '../../middleware/no-store/no-store.ts';
import { pageProps, renderPage } from '../../render.ts';
import { receiptLimit } from './receipt-limit.ts';
import { LookupPage, RetractConfirmPage, RetractedPage, StatusPage } from './views/lookup-pages.tsx';

/** Credentials travel only in POST bodies, never in a URL that a proxy or history could keep. */
export function receiptRoutes(declarations: DeclarationService, timeZone: string) {
  const routes = new Hono<AppEnv>();
  routes.use('/receipt', noStore());
  routes.use('/receipt/*', noStore());
  // Hono's '/receipt/*' matches '/receipt' too: one registration, so a lookup counts once.
  routes.use('/receipt/*', receiptLimit(declarations));
  const formOnly = requireContentType(FORM_TYPES, (c) => respondError(c, 415, 'request.unsupportedType'));

  routes.get('/receipt', (c) => renderPage(c, <LookupPage {...pageProps(c)} registrationNumber="" />));

  routes.post('/receipt', formOnly, async (c) => {
    const fields = await readFormBody(c);
    if (!fields) return respondError(c, 400, 'request.malformed');
    const registrationNumber = single(fields.registrationNumber).slice(0, 64);
    const queryPassword = single(fields.queryPassword).slice(0, 64);
    const result = await declarations.lookup(registrationNumber, queryPassword);
    if (!result.ok) {
      const error = errorMessage(c.get('locale'), result.error);
      return renderPage(c, <LookupPage {...pageProps(c)} registrationNumber={registrationNumber} error={error} />, 422);
    }
    return renderPage(c, <StatusPage {...pageProps(c)} receipt={result.value} queryPassword={queryPassword} timeZone={timeZone} />);
  });

  routes.post('/receipt/retract', formOnly, async (c) => {
    const fields = await readFormBody(c);
    if (!fields) return respondError(c, 400, 'request.malformed');
    const registrationNumber = single(fields.registrationNumber).slice(0, 64);
    const queryPassword = single(fields.queryPassword).slice(0, 64);
    const showLookupError = (code: Parameters<typeof errorMessage>[1]) =>
      renderPage(
        c,
        <LookupPage {...pageProps(c)} registrationNumber={registrationNumber} error={errorMessage(c.get('locale'), code)} />,
        422,
      );

    if (single(fields.confirm) !== 'yes') {
      const found = await declarations.lookup(registrationNumber, queryPassword);
      if (!found.ok) return showLookupError(found.error);
      if (found.value.status === 'retracted') return showLookupError('receipt.alreadyRetracted');
      return renderPage(
        c,
        <RetractConfirmPage {...pageProps(c)} registrationNumber={found.value.registrationNumber} queryPassword={queryPassword} />,
      );
    }
    const result = await declarations.retract(registrationNumber, queryPassword);
    if (!result.ok) return showLookupError(result.error);
    return c.redirect(`/${c.get('locale')}/receipt/retracted`, 303);
  });

  routes.get('/receipt/retracted', (c) => renderPage(c, <RetractedPage {...pageProps(c)} />));
  return routes;
}
