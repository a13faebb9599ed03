import { Hono } from 'hono';
import { declarationInputSchema, fieldErrors } from '../../../domain/declaration/declaration-input.ts';
import { defaultTitle } from '../../../i18n/declaration-title.ts';
import type { Locale } from '../../../i18n/index.ts';
import { parseIdempotencyKey } from '../../../domain/declaration/submission-token.ts';
import type { DeclarationService, PublishedDeclaration } from '../../../services/declaration-service.ts';
import type { AppEnv } from '../../env.ts';
import { apiError } from '../../errors.tsx';
import { JSON_TYPES, requireContentType } from '../../middleware/content-type/content-type.ts';
import { isMalformed, readJsonBody } from './json-body.ts';
import { clientAddress } from '../../client-address.ts';
import { refuseAdmission } from '../../public/declare/admission-answers.ts';
import { PROOF_HEADER } from '../../public/declare/form-fields.ts';

/**
 * `title` is always a string, as it always was: the declarant's, or when they wrote none a
 * default in the language negotiated from Accept-Language, with `titleIsDefault` true so a
 * client can make its own from `orgs`.
 */
export function publishedDeclarationJson(declaration: PublishedDeclaration, locale: Locale) {
  return {
    registrationNumber: declaration.registrationNumber,
    title: declaration.title ?? defaultTitle(declaration.orgs, locale),
    titleIsDefault: declaration.title === null,
    names: declaration.names,
    headcount: declaration.headcount,
    orgs: declaration.orgs,
    region: declaration.region,
    statement: declaration.statement,
    behalf: declaration.behalf,
    publishedAt: declaration.publishedAt.toISOString(),
  };
}

export function declarationsApi(declarations: DeclarationService) {
  const api = new Hono<AppEnv>();

  api.post(
    '/declarations',
    requireContentType(JSON_TYPES, (c) => apiError(c, 415, 'request.unsupportedType')),
    async (c) => {
      // draft-ietf-httpapi-idempotency-key-header: the same key with the same body gets the first 201.
      const key = parseIdempotencyKey(c.req.header('idempotency-key'));
      if (key === null) return apiError(c, 400, 'idempotency.keyInvalid');
      const body = await readJsonBody(c);
      if (isMalformed(body)) return apiError(c, 400, 'request.malformed');
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return apiError(c, 400, 'request.malformed');
      const parsed = declarationInputSchema.safeParse(body);
      if (!parsed.success) return apiError(c, 422, 'request.invalid', fieldErrors(parsed.error));
      const locale = c.get('locale');
      // Without a valid proof of work, only the lower class, within its limits (docs/security.md, "Flooding").
      const admitted = await declarations.admit(clientAddress(c), c.req.header(PROOF_HEADER));
      if (!admitted.ok) return refuseAdmission(c, admitted);
      const result =
        key === undefined
          ? { ok: true as const, value: await declarations.submit(parsed.data, { channel: 'api', locale, admission: admitted.admission }) }
          : await declarations.submitIdempotent(parsed.data, locale, key, await c.req.text(), admitted.admission);
      if (!result.ok) return apiError(c, 422, result.error);
      c.header('Cache-Control', 'no-store');
      return c.json(result.value, 201);
    },
  );

  api.get('/declarations/:registrationNumber', async (c) => {
    const declaration = await declarations.getPublished(c.req.param('registrationNumber'));
    if (!declaration) return apiError(c, 404, 'request.notFound');
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(publishedDeclarationJson(declaration, c.get('locale')));
  });
  return api;
}
