import { Hono, type Context } from 'hono';
import { isHanAlias, suggestAliases } from '../../../domain/alias/alias-generator.ts';
import { declarationInputSchema, fieldErrors } from '../../../domain/declaration/declaration-input.ts';
import { newSubmissionToken } from '../../../domain/declaration/submission-token.ts';
import { errorMessage } from '../../../i18n/index.ts';
import type { DeclarationService } from '../../../services/declaration-service.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';
import { list, readFormBody, single, type FormFields } from '../../form-body.ts';
import { FORM_TYPES, requireContentType } from '../../middleware/content-type/content-type.ts';
import { noStore } from '../../middleware/no-store/no-store.ts';
import { pageProps, renderPage } from '../../render.ts';
import { DeclarePage, EMPTY_FORM, type DeclareFormValues } from './views/declare-page.tsx';
import { ReceiptShownPage } from './views/receipt-page.tsx';
import { identifyingWarning, proofOf, receiptLocation, schemaInput, submissionToken } from './form-fields.ts';
import type { IdentifyingKind } from '../../../domain/declaration/identifying-details.ts';
import { receiptPageBytes } from './receipt-bytes.tsx';
import { FORM_PAGE_CSP } from '../../middleware/security-headers/policy.ts';
import { clientAddress } from '../../client-address.ts';
import { challengeField, refuseAdmission } from './admission-answers.ts';

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

async function showForm(
  c: Context<AppEnv>,
  declarations: DeclarationService,
  values: DeclareFormValues,
  options: {
    errors?: Record<string, string>;
    suggestions?: readonly string[];
    identifying?: readonly IdentifyingKind[];
    status?: 200 | 422;
  } = {},
) {
  // This page alone may run our own script: the proof-of-work worker (pow-files.ts).
  c.header('Content-Security-Policy', FORM_PAGE_CSP);
  return renderPage(
    c,
    <DeclarePage
      {...pageProps(c)}
      values={values}
      errors={options.errors ?? {}}
      suggestions={options.suggestions ?? []}
      identifying={options.identifying ?? []}
      submission={newSubmissionToken()}
      challenge={await challengeField(declarations)}
    />,
    options.status ?? 200,
  );
}

export function declareRoutes(declarations: DeclarationService) {
  const routes = new Hono<AppEnv>();
  routes.use('/declare', noStore());
  routes.use('/declare/*', noStore());

  routes.get('/declare', (c) => showForm(c, declarations, EMPTY_FORM));

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
        return showForm(c, declarations, { ...values, names });
      }
      if (single(fields.action) === 'suggest') {
        return showForm(c, declarations, values, { suggestions: suggestAliases(SUGGESTION_COUNT) });
      }

      const parsed = declarationInputSchema.safeParse(schemaInput(fields));
      if (!parsed.success) {
        const errors = Object.fromEntries(
          Object.entries(fieldErrors(parsed.error)).map(([field, error]) => [
            field,
            errorMessage(c.get('locale'), error.code, error.params),
          ]),
        );
        return showForm(c, declarations, values, { errors, status: 422 });
      }
      // Asked before filing, and only the kinds found are shown: what matched is neither kept nor logged.
      const identifying = identifyingWarning(fields, parsed.data);
      if (identifying.length > 0) return showForm(c, declarations, values, { identifying, status: 422 });
      // With a proof of work, the public class; without, the lower one, within its limits.
      const admitted = await declarations.admit(clientAddress(c), proofOf(fields));
      if (!admitted.ok) return refuseAdmission(c, admitted);
      const { ref } = await declarations.submitForm(parsed.data, c.get('locale'), submissionToken(fields), admitted.admission);
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
