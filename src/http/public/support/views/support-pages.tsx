import type { Catalog, Locale } from '../../../../i18n/index.ts';
import { inReaderScript } from '../../../../i18n/script-conversion.ts';
import { zonedDate } from '../../../../i18n/zoned-time.ts';
import { SUPPORT_LIMITS, type PublishedSupportMessage, type SupportPage } from '../../../../services/support-service.ts';
import { ConsentNote, ERROR_SUMMARY, Layout, type PageProps } from '../../../views/layout.tsx';
import { supportMessages, type SupportMessages } from '../messages.ts';

/** What the person typed, echoed back (escaped by JSX) when the form is shown again. */
export interface SupportFormValues {
  name: string;
  region: string;
  message: string;
}

type BaseProps = Omit<PageProps, 'title' | 'path' | 'children'>;

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

/** The messages of support, and the form to send one. */
export function SupportMessagesPage(
  props: BaseProps & {
    list: SupportPage<PublishedSupportMessage>;
    values: SupportFormValues;
    errors: Readonly<Record<string, string>>;
    first: boolean;
    timeZone: string;
  },
) {
  const { locale, t, list, values, errors, first, timeZone } = props;
  const m = supportMessages(locale);
  const errorList = FIELDS.filter((field) => errors[field]).map((field) => [field, errors[field]!] as const);
  return (
    <Layout locale={locale} t={t} title={m.title} path="/support" failed={errorList.length > 0}>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <MessageList list={list} locale={locale} t={t} timeZone={timeZone} m={m} first={first} />
      <section aria-labelledby="support-form">
        <h2 id="support-form">{m.form.heading}</h2>
        <p>{m.review}</p>
        <p>{m.privacy}</p>
        {errorList.length > 0 && (
          <div {...ERROR_SUMMARY}>
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
          <ConsentNote locale={locale} t={t} />
          <button type="submit">{m.form.submit}</button>
        </form>
      </section>
    </Layout>
  );
}

/** After a message was sent: it waits for review. */
export function SupportThanksPage(props: BaseProps) {
  const m = supportMessages(props.locale);
  return (
    <Layout locale={props.locale} t={props.t} title={m.thanks.title} path="/support/thanks">
      <h1>{m.thanks.title}</h1>
      <p>{m.thanks.body}</p>
      <p>{m.review}</p>
      <p>
        <a href={`/${props.locale}/support`}>{m.thanks.back}</a>
      </p>
    </Layout>
  );
}
