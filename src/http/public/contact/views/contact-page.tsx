import { CONTACT_LIMITS } from '../../../../services/channels/channels-intake.ts';
import { LIMITS } from '../../../../domain/declaration/fields.ts';
import { Layout, type PageProps } from '../../../views/layout.tsx';
import { contactMessages } from '../messages.ts';

/** What the person typed, echoed back (escaped by JSX) when the form is shown again. */
export interface ContactFormValues {
  center: string;
  reply: string;
  message: string;
}

type BaseProps = Omit<PageProps, 'title' | 'path' | 'children'>;

const FIELDS = ['center', 'reply', 'message'] as const;

function control(name: string, errors: Readonly<Record<string, string>>) {
  return {
    id: name,
    name,
    'aria-invalid': errors[name] ? 'true' : undefined,
    'aria-describedby': errors[name] ? `${name}-hint ${name}-error` : `${name}-hint`,
  };
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="error" id={`${id}-error`}>
      {message}
    </p>
  ) : null;
}

/** The public contact form: a center, an optional reply address, the message; one-use token against repeats. */
export function ContactPage(
  props: BaseProps & {
    centers: readonly { id: number; name: string; city: string }[];
    values: ContactFormValues;
    errors: Readonly<Record<string, string>>;
    submission: string;
  },
) {
  const { locale, t, centers, values, errors } = props;
  const m = contactMessages(locale);
  const errorList = FIELDS.filter((field) => errors[field]).map((field) => [field, errors[field]!] as const);
  return (
    <Layout locale={locale} t={t} title={m.title} path="/contact">
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <p>
        {m.privacy} <a href={`/${locale}/privacy`}>{m.privacyLink}</a>
      </p>
      <p class="warning">{m.safety}</p>
      {centers.length === 0 ? (
        <p>{m.noCenters}</p>
      ) : (
        <>
          {errorList.length > 0 && (
            <div class="errors" role="alert">
              <p>
                <strong>{m.errorsHeading}</strong>
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
          <form method="post" action={`/${locale}/contact`} accept-charset="utf-8">
            <input type="hidden" name="submission" value={props.submission} />
            <div class="field">
              <label for="center">{m.centerLabel}</label>
              <p class="hint" id="center-hint">
                {m.centerHint}
              </p>
              <select {...control('center', errors)} required>
                <option value="">{m.centerChoose}</option>
                {centers.map((center) => (
                  <option value={String(center.id)} selected={values.center === String(center.id)}>
                    {`${center.name} (${center.city})`}
                  </option>
                ))}
              </select>
              <FieldError id="center" message={errors.center} />
            </div>
            <div class="field">
              <label for="reply">{m.replyLabel}</label>
              <p class="hint" id="reply-hint">
                {m.replyHint}
              </p>
              <input {...control('reply', errors)} type="email" autocomplete="off" maxlength={LIMITS.contact} value={values.reply} />
              <FieldError id="reply" message={errors.reply} />
            </div>
            <div class="field">
              <label for="message">{m.messageLabel}</label>
              <p class="hint" id="message-hint">
                {m.messageHint(CONTACT_LIMITS.message)}
              </p>
              <textarea {...control('message', errors)} rows={8} required maxlength={CONTACT_LIMITS.message}>
                {values.message}
              </textarea>
              <FieldError id="message" message={errors.message} />
            </div>
            <button type="submit">{m.submit}</button>
          </form>
        </>
      )}
    </Layout>
  );
}

/** After a message was filed (or a repeated post of it found filed). */
export function ContactSentPage(props: BaseProps) {
  const m = contactMessages(props.locale);
  return (
    <Layout locale={props.locale} t={props.t} title={m.sent.title} path="/contact/sent">
      <h1>{m.sent.title}</h1>
      <p>{m.sent.body}</p>
      <p>
        <a href={`/${props.locale}/contact`}>{m.sent.back}</a>
      </p>
    </Layout>
  );
}
