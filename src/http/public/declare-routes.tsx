import { Hono, type Context } from 'hono';
import { isHanAlias, suggestAliases } from '../../domain/alias/alias-generator.ts';
import { declarationInputSchema, fieldErrors } from '../../domain/declaration/declaration-input.ts';
import { errorMessage } from '../../i18n/index.ts';
import type { DeclarationService } from '../../services/declaration-service.ts';
import type { AppEnv } from '../env.ts';
import { respondError } from '../errors.tsx';
import { list, readFormBody, single, type FormFields } from '../form-body.ts';
import { FORM_TYPES, requireContentType } from '../middleware/content-type/content-type.ts';
import { noStore } from '../middleware/no-store/no-store.ts';
import { pageProps, renderPage } from '../render.ts';
import { DeclarePage, EMPTY_FORM, type DeclareFormValues } from '../views/pages/declare.tsx';
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
    <DeclarePage {...pageProps(c)} values={values} errors={options.errors ?? {}} suggestions={options.suggestions ?? []} />,
    options.status ?? 200,
  );
}

export function declareRoutes(declarations: DeclarationService) {
  const routes = new Hono<AppEnv>();
  routes.use('/declare', noStore());

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
      const receipt = await declarations.submit(parsed.data, { channel: 'web', locale: c.get('locale') });
      return c.body(receiptPageBytes(c.get('locale'), receipt), 200, { 'Content-Type': 'text/html; charset=UTF-8' });
    },
  );
  return routes;
}
