import { Hono, type Context } from 'hono';
import { isHanAlias, suggestAliases } from '../../domain/alias/alias-generator.ts';
import { declarationInputSchema, fieldErrors } from '../../domain/declaration/declaration-input.ts';
import { isSubmissionToken, newSubmissionToken } from '../../domain/declaration/submission-token.ts';
import { errorMessage } from '../../i18n/index.ts';
import type { DeclarationService } from '../../services/declaration-service.ts';
import type { AppEnv } from '../env.ts';
import { respondError } from '../errors.tsx';
import { list, readFormBody, single, type FormFields } from '../form-body.ts';
import { FORM_TYPES, requireContentType } from '../middleware/content-type/content-type.ts';
import { noStore } from '../middleware/no-store/no-store.ts';
import { pageProps, renderPage } from '../render.ts';
import { DeclarePage, EMPTY_FORM, type DeclareFormValues } from '../views/pages/declare.tsx';
import { ReceiptShownPage } from '../views/pages/receipt.tsx';
import { receiptPageBytes } from './receipt-page.tsx';

const SUGGESTION_COUNT = 8;

function formValues(fields: FormFields): DeclareFormValues {
  return {
    names: list(fields.names).join('\n'),
    orgs: list(fields.orgs),
    headcount: single(fields.headcount),
    title: single(fields.title),
    region: single(fields.region),
    statement: single(fields.statement),
    behalf: single(fields.behalf) || 'self',
    consent: single(fields.consent) !== '',
    contact: single(fields.contact),
  };
}

/** The form's raw fields, with absent ones left out so the schema's defaults apply. */
export function schemaInput(fields: FormFields) {
  const input: Record<string, unknown> = {};
  for (const name of ['names', 'orgs', 'headcount', 'title', 'region', 'statement', 'behalf', 'consent', 'contact']) {
    const value = fields[name];
    if (value === undefined) continue;
    if (name === 'names' || name === 'orgs') input[name] = value;
    else input[name] = typeof value === 'string' || value.length !== 1 ? value : value[0];
  }
  return input;
}

/** The form's one-use token, if it carries one; a mirror's form may not, and is then not deduplicated. */
export function submissionToken(fields: FormFields): string | null {
  const token = single(fields.submission);
  return isSubmissionToken(token) ? token : null;
}

/** Where a form submission's answer sends the browser: its receipt page, by a one-use reference. */
export const receiptLocation = (locale: string, ref: string) => `/${locale}/declare/receipt/${ref}`;

/** A press of the alias helper's buttons, which re-renders the form and stores nothing. */
export function isAliasHelperPost(fields: FormFields): boolean {
  return single(fields.pick) !== '' || single(fields.action) === 'suggest';
}

function showForm(
  c: Context<AppEnv>,
  values: DeclareFormValues,
  options: { errors?: Record<string, string>; suggestions?: readonly string[]; status?: 200 | 422 } = {},
) {
  return renderPage(
    c,
    <DeclarePage
      {...pageProps(c)}
      values={values}
      errors={options.errors ?? {}}
      suggestions={options.suggestions ?? []}
      submission={newSubmissionToken()}
    />,
    options.status ?? 200,
  );
}

export function declareRoutes(declarations: DeclarationService) {
  const routes = new Hono<AppEnv>();
  routes.use('/declare', noStore());
  routes.use('/declare/*', noStore());

  routes.get('/declare', (c) => showForm(c, EMPTY_FORM));

  routes.post(
    '/declare',
    requireContentType(FORM_TYPES, (c) => respondError(c, 415, 'request.unsupportedType')),
    async (c) => {
      const fields = await readFormBody(c);
      if (!fields) return respondError(c, 400, 'request.malformed');
      const values = formValues(fields);

      // The alias helper re-renders the form; nothing is stored until the real submit.
      const pick = single(fields.pick);
      if (pick) {
        const names = isHanAlias(pick) ? [values.names.trim(), pick].filter(Boolean).join('\n') : values.names;
        return showForm(c, { ...values, names });
      }
      if (single(fields.action) === 'suggest') {
        return showForm(c, values, { suggestions: suggestAliases(SUGGESTION_COUNT) });
      }

      const parsed = declarationInputSchema.safeParse(schemaInput(fields));
      if (!parsed.success) {
        const errors = Object.fromEntries(
          Object.entries(fieldErrors(parsed.error)).map(([field, error]) => [
            field,
            errorMessage(c.get('locale'), error.code, error.params),
          ]),
        );
        return showForm(c, values, { errors, status: 422 });
      }
      const { ref } = await declarations.submitForm(parsed.data, c.get('locale'), submissionToken(fields));
      return c.redirect(receiptLocation(c.get('locale'), ref), 303);
    },
  );

  // Shown once: a reload, or Back to it, finds the reference used and says so, without the receipt.
  routes.get('/declare/receipt/:ref', async (c) => {
    const receipt = await declarations.takeReceipt(c.req.param('ref'));
    if (receipt) return c.body(receiptPageBytes(c.get('locale'), receipt), 200, { 'Content-Type': 'text/html; charset=UTF-8' });
    return renderPage(c, <ReceiptShownPage {...pageProps(c)} />, 410);
  });
  return routes;
}
