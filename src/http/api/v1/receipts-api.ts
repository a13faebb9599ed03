import { Hono, type Context } from 'hono';
import { fieldErrors } from '../../../domain/declaration/declaration-input.ts';
import type { Locale } from '../../../i18n/index.ts';
import type { DeclarationService, ReceiptStatus } from '../../../services/declaration-service.ts';
import type { AppEnv } from '../../env.ts';
import { apiError } from '../../errors.tsx';
import { JSON_TYPES, requireContentType } from '../../middleware/content-type/content-type.ts';
import { isMalformed, readJsonBody } from './json-body.ts';
import { receiptCredentialsSchema } from './receipt-schema.ts';
import { receiptLimit } from '../../public/receipt/receipt-limit.ts';

/** A managed reject reason in the language negotiated from Accept-Language; an editor's own words as written. */
function receiptJson(receipt: ReceiptStatus, locale: Locale) {
  return {
    registrationNumber: receipt.registrationNumber,
    status: receipt.status,
    rejectReason: receipt.rejectReasonLabels?.[locale] ?? receipt.rejectReason,
    feedback: receipt.feedback,
    submittedAt: receipt.submittedAt.toISOString(),
    statusChangedAt: receipt.statusChangedAt.toISOString(),
  };
}

async function readCredentials(c: Context<AppEnv>) {
  const body = await readJsonBody(c);
  if (isMalformed(body)) return { response: apiError(c, 400, 'request.malformed') };
  const parsed = receiptCredentialsSchema.safeParse(body);
  if (!parsed.success) return { response: apiError(c, 422, 'receipt.invalid', fieldErrors(parsed.error)) };
  return { credentials: parsed.data };
}

export function receiptsApi(declarations: DeclarationService) {
  const api = new Hono<AppEnv>();
  // On each route, not on the prefix: another method gets its 405 before any body is judged.
  const json = requireContentType(JSON_TYPES, (c) => apiError(c, 415, 'request.unsupportedType'));
  api.use('/receipts/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  api.use('/receipts/*', receiptLimit(declarations));

  api.post('/receipts/lookup', json, async (c) => {
    const { response, credentials } = await readCredentials(c);
    if (!credentials) return response;
    const result = await declarations.lookup(credentials.registrationNumber, credentials.queryPassword);
    if (!result.ok) return apiError(c, 404, result.error);
    return c.json(receiptJson(result.value, c.get('locale')));
  });

  api.post('/receipts/retract', json, async (c) => {
    const { response, credentials } = await readCredentials(c);
    if (!credentials) return response;
    const result = await declarations.retract(credentials.registrationNumber, credentials.queryPassword);
    if (!result.ok) return apiError(c, result.error === 'receipt.alreadyRetracted' ? 409 : 404, result.error);
    return c.json(receiptJson(result.value, c.get('locale')));
  });
  return api;
}
