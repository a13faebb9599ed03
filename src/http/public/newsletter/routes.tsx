import { Hono, type Context } from 'hono';
import { readSignUp } from '../../../domain/newsletter/subscription-input.ts';
import { errorMessage } from '../../../i18n/index.ts';
import type { Subscriptions } from '../../../services/newsletter/subscriptions.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';
import { readFormBody, single } from '../../form-body.ts';
import { FORM_TYPES, requireContentType } from '../../middleware/content-type/content-type.ts';
import { noStore } from '../../middleware/no-store/no-store.ts';
import { pageProps, renderPage } from '../../render.ts';
import { newsletterMessages } from './messages.ts';
import { ButtonPage, NoticePage, SignUpPage, type SignUpValues } from './views/newsletter-pages.tsx';

/**
 * The newsletter's public pages (docs/newsletter.md): the sign-up form, and the pages the links in
 * its mail open. Nothing about the request (address, user agent) reaches the service: only the
 * typed fields and the link's token.
 */
export function newsletterRoutes(subscriptions: Subscriptions, clock: () => number) {
  const routes = new Hono<AppEnv>();
  // The form holds an address being typed, and the links' pages a secret: no copy in any cache.
  routes.use('/newsletter', noStore());
  routes.use('/newsletter/*', noStore());
  const now = () => new Date(clock());
  const form = requireContentType(FORM_TYPES, (c) => respondError(c, 415, 'request.unsupportedType'));

  const showForm = (c: Context<AppEnv>, values: SignUpValues, errors: Record<string, string> = {}, status: 200 | 422 = 200) =>
    renderPage(c, <SignUpPage {...pageProps(c)} values={values} errors={errors} />, status);

  const notice = (c: Context<AppEnv>, path: string, title: string, lines: readonly string[], status: 200 | 404 = 200) =>
    renderPage(c, <NoticePage {...pageProps(c)} path={path} title={title} lines={lines} />, status);

  const invalidLink = (c: Context<AppEnv>) =>
    notice(
      c,
      '/newsletter',
      newsletterMessages(c.get('locale')).invalid.title,
      [errorMessage(c.get('locale'), 'newsletter.linkInvalid')],
      404,
    );

  routes.get('/newsletter', (c) => showForm(c, { email: '', language: c.get('locale'), terms: false }));

  routes.post('/newsletter', form, async (c) => {
    const fields = await readFormBody(c);
    if (!fields) return respondError(c, 400, 'request.malformed');
    const values = { email: single(fields.email), language: single(fields.language), terms: single(fields.terms) };
    const parsed = readSignUp(values);
    if (!parsed.ok) {
      const locale = c.get('locale');
      const errors = Object.fromEntries(
        Object.entries(parsed.errors).map(([field, code]) => [field, errorMessage(locale, code, { max: 254 })]),
      );
      // A huge value is not echoed whole: the page stays small, and the field could not hold it anyway.
      return showForm(c, { ...values, email: values.email.slice(0, 300), terms: values.terms === 'yes' }, errors, 422);
    }
    const signedUp = await subscriptions.signUp(parsed.value, now());
    if (!signedUp.ok) return respondError(c, 503, signedUp.error);
    // The same answer for a new, a pending, a confirmed and an unsubscribed address.
    return c.redirect(`/${c.get('locale')}/newsletter/sent`, 303);
  });

  routes.get('/newsletter/sent', (c) => {
    const m = newsletterMessages(c.get('locale'));
    return notice(c, '/newsletter/sent', m.sent.title, [m.sent.body, m.sent.spam]);
  });

  routes.get('/newsletter/confirm/:token', async (c) => {
    const token = c.req.param('token');
    const state = await subscriptions.linkState(token);
    if (!state.ok || state.value === 'unsubscribed') return invalidLink(c);
    const m = newsletterMessages(c.get('locale'));
    if (state.value === 'confirmed') return notice(c, '/newsletter', m.confirm.title, [m.confirm.already]);
    return renderPage(
      c,
      <ButtonPage
        {...pageProps(c)}
        path={`/newsletter/confirm/${token}`}
        title={m.confirm.title}
        body={m.confirm.body}
        button={m.confirm.button}
      />,
    );
  });

  routes.post('/newsletter/confirm/:token', form, async (c) => {
    const confirmed = await subscriptions.confirm(c.req.param('token'), now());
    if (!confirmed.ok) return invalidLink(c);
    return c.redirect(`/${c.get('locale')}/newsletter/confirmed`, 303);
  });

  routes.get('/newsletter/confirmed', (c) => {
    const m = newsletterMessages(c.get('locale'));
    return notice(c, '/newsletter/confirmed', m.confirmed.title, [m.confirmed.body]);
  });

  routes.get('/newsletter/unsubscribe/:token', async (c) => {
    const token = c.req.param('token');
    const state = await subscriptions.linkState(token);
    if (!state.ok) return invalidLink(c);
    const m = newsletterMessages(c.get('locale'));
    if (state.value === 'unsubscribed') return notice(c, '/newsletter', m.unsubscribe.title, [m.unsubscribe.already]);
    return renderPage(
      c,
      <ButtonPage
        {...pageProps(c)}
        path={`/newsletter/unsubscribe/${token}`}
        title={m.unsubscribe.title}
        body={m.unsubscribe.body}
        button={m.unsubscribe.button}
      />,
    );
  });

  // The page's button, or a mail program's one-click unsubscribe (RFC 8058: a POST of
  // "List-Unsubscribe=One-Click", form-encoded or multipart, that follows no redirect).
  routes.post('/newsletter/unsubscribe/:token', form, async (c) => {
    const fields = await readFormBody(c);
    if (!fields) return respondError(c, 400, 'request.malformed');
    const done = await subscriptions.unsubscribe(c.req.param('token'), now());
    if (!done.ok) return invalidLink(c);
    if (single(fields['List-Unsubscribe']) === 'One-Click') {
      const m = newsletterMessages(c.get('locale'));
      return notice(c, '/newsletter/unsubscribed', m.unsubscribed.title, [m.unsubscribed.body]);
    }
    return c.redirect(`/${c.get('locale')}/newsletter/unsubscribed`, 303);
  });

  routes.get('/newsletter/unsubscribed', (c) => {
    const locale = c.get('locale');
    const m = newsletterMessages(locale);
    return renderPage(
      c,
      <NoticePage
        {...pageProps(c)}
        path="/newsletter/unsubscribed"
        title={m.unsubscribed.title}
        lines={[m.unsubscribed.body]}
        back={{ href: `/${locale}/newsletter`, label: m.unsubscribed.again }}
      />,
    );
  });
  return routes;
}
