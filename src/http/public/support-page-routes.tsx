import { Hono, type Context } from 'hono';
import type { Catalog, Locale } from '../../i18n/index.ts';
import { errorMessage } from '../../i18n/index.ts';
import { inReaderScript } from '../../i18n/script-conversion.ts';
import { zonedDate } from '../../i18n/zoned-time.ts';
import { SUPPORT_LIMITS, type PublishedSupportMessage, type SupportPage, type SupportService } from '../../services/support-service.ts';
import type { AppEnv } from '../env.ts';
import { respondError } from '../errors.tsx';
import { readFormBody, single } from '../form-body.ts';
import { parseId } from '../ids.ts';
import { FORM_TYPES, requireContentType } from '../middleware/content-type/content-type.ts';
import { noStore } from '../middleware/no-store/no-store.ts';
import { pageProps, renderPage } from '../render.ts';
import { Layout } from '../views/layout.tsx';
import { supportMessages, type SupportMessages } from './support-messages.ts';

/** What the person typed, echoed back (escaped by JSX) when the form is shown again. */
interface SupportFormValues {
  name: string;
  region: string;
  message: string;
}

const EMPTY: SupportFormValues = { name: '', region: '', message: '' };
const FIELDS = ['message', 'name', 'region'] as const;


function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="error" id={`${id}-error`}>
      {message}
    </p>
  ) : null;
}

/** The attributes a control shares: its name, and how it is described and flagged. */
function control(name: string, errors: Readonly<Record<string, string>>) {
  return {
    id: name,
    name,
    'aria-invalid': errors[name] ? 'true' : undefined,
    'aria-describedby': errors[name] ? `${name}-hint ${name}-error` : `${name}-hint`,
  };
}

function MessageList(props: {
  list: SupportPage<PublishedSupportMessage>;
  locale: Locale;
  t: Catalog;
  timeZone: string;
  m: SupportMessages;
  first: boolean;
}) {
  const { list, locale, t, m } = props;
  const script = (text: string) => inReaderScript(text, locale);
  return (
    <section aria-labelledby="support-list">
      <h2 id="support-list">{m.listHeading}</h2>
      {list.items.length === 0 ? (
        <p id="no-support">{m.empty}</p>
      ) : (
        list.items.map((item) => (
          <article class="support" id={`support-${item.id}`}>
            <p class="support-text">
              {script(item.message)
                .split('\n')
                .map((line, index) => (
                  <>
                    {index > 0 && <br />}
                    {line}
                  </>
                ))}
            </p>
            <p class="hint">
              {'— '}
              {item.name ? script(item.name) : m.anonymous}
              {item.region ? `${m.comma}${m.from(script(item.region))}` : ''}
              {' · '}
              {m.published(zonedDate(item.publishedAt, t, props.timeZone))}
            </p>
          </article>
        ))
      )}
      <p>
        {list.nextBefore !== null && (
          <a href={`/${locale}/support?before=${list.nextBefore}`} rel="next">
            {m.older}
          </a>
        )}
        {!props.first && (
          <>
            {' '}
            <a href={`/${locale}/support`}>{m.newest}</a>
          </>
        )}
      </p>
    </section>
  );
}

export function supportRoutes(support: SupportService, timeZone: string) {
  const routes = new Hono<AppEnv>();
  // The form holds unsent words: no copy in any cache, nor in the back button.
  routes.use('/support', noStore());
  routes.use('/support/*', noStore());

  async function showPage(
    c: Context<AppEnv>,
    options: { values?: SupportFormValues; errors?: Record<string, string>; before?: number; status?: 200 | 422 } = {},
  ) {
    const locale = c.get('locale');
    const t = c.get('t');
    const m = supportMessages(locale);
    const values = options.values ?? EMPTY;
    const errors = options.errors ?? {};
    const errorList = FIELDS.filter((field) => errors[field]).map((field) => [field, errors[field]!] as const);
    const list = await support.listPublished(options.before === undefined ? {} : { before: options.before });
    return renderPage(
      c,
      <Layout {...pageProps(c)} title={m.title} path="/support">
        <h1>{m.title}</h1>
        <p>{m.intro}</p>
        <MessageList list={list} locale={locale} t={t} timeZone={timeZone} m={m} first={options.before === undefined} />
        <section aria-labelledby="support-form">
          <h2 id="support-form">{m.form.heading}</h2>
          <p>{m.review}</p>
          <p>{m.privacy}</p>
          {errorList.length > 0 && (
            <div class="errors" role="alert">
              <p>
                <strong>{m.form.errorsHeading}</strong>
              </p>
              <ul>
                {errorList.map(([field, message]) => (
                  <li>
                    <a href={`#${field}`}>{message}</a>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <form method="post" action={`/${locale}/support`} accept-charset="utf-8">
            <div class="field">
              <label for="message">{m.form.messageLabel}</label>
              <p class="hint" id="message-hint">
                {m.form.messageHint(SUPPORT_LIMITS.messageMin, SUPPORT_LIMITS.message)}
              </p>
              <textarea {...control('message', errors)} rows={5} required maxlength={SUPPORT_LIMITS.message}>
                {values.message}
              </textarea>
              <FieldError id="message" message={errors.message} />
            </div>
            <div class="field">
              <label for="name">{m.form.nameLabel}</label>
              <p class="hint" id="name-hint">
                {m.form.nameHint}
              </p>
              <input {...control('name', errors)} type="text" autocomplete="off" maxlength={SUPPORT_LIMITS.name} value={values.name} />
              <FieldError id="name" message={errors.name} />
            </div>
            <div class="field">
              <label for="region">{m.form.regionLabel}</label>
              <p class="hint" id="region-hint">
                {m.form.regionHint}
              </p>
              <input {...control('region', errors)} type="text" autocomplete="off" maxlength={SUPPORT_LIMITS.region} value={values.region} />
              <FieldError id="region" message={errors.region} />
            </div>
            <button type="submit">{m.form.submit}</button>
          </form>
        </section>
      </Layout>,
      options.status ?? 200,
    );
  }

  routes.get('/support', async (c) => {
    const raw = c.req.query('before');
    const before = raw === undefined ? undefined : parseId(raw);
    if (before === null) return respondError(c, 404, 'request.notFound');
    return showPage(c, before === undefined ? {} : { before });
  });

  routes.post('/support', requireContentType(FORM_TYPES, (c) => respondError(c, 415, 'request.unsupportedType')), async (c) => {
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
  });

  routes.get('/support/thanks', (c) => {
    const m = supportMessages(c.get('locale'));
    return renderPage(
      c,
      <Layout {...pageProps(c)} title={m.thanks.title} path="/support/thanks">
        <h1>{m.thanks.title}</h1>
        <p>{m.thanks.body}</p>
        <p>{m.review}</p>
        <p>
          <a href={`/${c.get('locale')}/support`}>{m.thanks.back}</a>
        </p>
      </Layout>,
    );
  });
  return routes;
}
