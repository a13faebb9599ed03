import { Hono, type Context } from 'hono';
import { newSubmissionToken } from '../../../domain/declaration/submission-token.ts';
import { errorMessage } from '../../../i18n/index.ts';
import type { ChannelsIntake } from '../../../services/channels/channels-intake.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';
import { readFormBody, single } from '../../form-body.ts';
import { FORM_TYPES, requireContentType } from '../../middleware/content-type/content-type.ts';
import { noStore } from '../../middleware/no-store/no-store.ts';
import { pageProps, renderPage } from '../../render.ts';
import { submissionToken } from '../declare/form-fields.ts';
import { ContactPage, ContactSentPage, type ContactFormValues } from './views/contact-page.tsx';

const EMPTY: ContactFormValues = { center: '', reply: '', message: '' };

/**
 * `/{locale}/contact` (docs/inbox.md, "How items arrive"): a message to a service center's inbox.
 * Like the declaration form it carries a one-use token, so a reload or a double tap files one
 * item, and only the typed fields reach the service: no address, no user agent.
 */
export function contactRoutes(intake: Pick<ChannelsIntake, 'contactCenters' | 'submitContact'>) {
  const routes = new Hono<AppEnv>();
  // The form holds unsent words: no copy in any cache, nor in the back button.
  routes.use('/contact', noStore());
  routes.use('/contact/*', noStore());

  async function showForm(c: Context<AppEnv>, values: ContactFormValues, errors: Record<string, string> = {}, status: 200 | 422 = 200) {
    const centers = await intake.contactCenters();
    return renderPage(
      c,
      <ContactPage {...pageProps(c)} centers={centers} values={values} errors={errors} submission={newSubmissionToken()} />,
      status,
    );
  }

  routes.get('/contact', (c) => showForm(c, EMPTY));

  routes.post(
    '/contact',
    requireContentType(FORM_TYPES, (c) => respondError(c, 415, 'request.unsupportedType')),
    async (c) => {
      const fields = await readFormBody(c);
      if (!fields) return respondError(c, 400, 'request.malformed');
      const values: ContactFormValues = { center: single(fields.center), reply: single(fields.reply), message: single(fields.message) };
      const outcome = await intake.submitContact(values, submissionToken(fields));
      if (!outcome.ok) {
        const errors = Object.fromEntries(
          Object.entries(outcome.errors).map(([field, error]) => [field, errorMessage(c.get('locale'), error.code, error.params)]),
        );
        return showForm(c, values, errors, 422);
      }
      return c.redirect(`/${c.get('locale')}/contact/sent`, 303);
    },
  );

  routes.get('/contact/sent', (c) => renderPage(c, <ContactSentPage {...pageProps(c)} />));
  return routes;
}
