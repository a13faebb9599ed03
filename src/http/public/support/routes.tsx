import { Hono, type Context } from 'hono';
import { errorMessage } from '../../../i18n/index.ts';
import type { SupportService } from '../../../services/support-service.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';
import { readFormBody, single } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { FORM_TYPES, requireContentType } from '../../middleware/content-type/content-type.ts';
import { noStore } from '../../middleware/no-store/no-store.ts';
import { pageProps, renderPage } from '../../render.ts';
import { SupportMessagesPage, SupportThanksPage, type SupportFormValues } from './views/support-pages.tsx';

const EMPTY: SupportFormValues = { name: '', region: '', message: '' };

export function supportRoutes(support: SupportService, timeZone: string) {
  const routes = new Hono<AppEnv>();
  // The form holds unsent words: no copy in any cache, nor in the back button.
  routes.use('/support', noStore());
  routes.use('/support/*', noStore());

  async function showPage(
    c: Context<AppEnv>,
    options: { values?: SupportFormValues; errors?: Record<string, string>; before?: number; status?: 200 | 422 } = {},
  ) {
    const values = options.values ?? EMPTY;
    const errors = options.errors ?? {};
    const list = await support.listPublished(options.before === undefined ? {} : { before: options.before });
    return renderPage(
      c,
      <SupportMessagesPage
        {...pageProps(c)}
        list={list}
        values={values}
        errors={errors}
        first={options.before === undefined}
        timeZone={timeZone}
      />,
      options.status ?? 200,
    );
  }

  routes.get('/support', async (c) => {
    const raw = c.req.query('before');
    const before = raw === undefined ? undefined : parseId(raw);
    if (before === null) return respondError(c, 404, 'request.notFound');
    return showPage(c, before === undefined ? {} : { before });
  });

  routes.post(
    '/support',
    requireContentType(FORM_TYPES, (c) => respondError(c, 415, 'request.unsupportedType')),
    async (c) => {
      const fields = await readFormBody(c);
      if (!fields) return respondError(c, 400, 'request.malformed');
      const values: SupportFormValues = { name: single(fields.name), region: single(fields.region), message: single(fields.message) };
      // Only the typed fields: nothing about the request (no address, no user agent) reaches the service.
      const outcome = await support.submit(
        {
          ...(values.name !== '' ? { name: values.name } : {}),
          ...(values.region !== '' ? { region: values.region } : {}),
          message: values.message,
        },
        c.get('locale'),
      );
      if (!outcome.ok) {
        const errors = Object.fromEntries(
          Object.entries(outcome.errors).map(([field, error]) => [field, errorMessage(c.get('locale'), error.code, error.params)]),
        );
        return showPage(c, { values, errors, status: 422 });
      }
      return c.redirect(`/${c.get('locale')}/support/thanks`, 303);
    },
  );

  routes.get('/support/thanks', (c) => renderPage(c, <SupportThanksPage {...pageProps(c)} />));
  return routes;
}
