import { catalogFor } from '../../../../i18n/index.ts';
import { NEWSLETTER_LANGUAGES } from '../../../../domain/newsletter/subscription-input.ts';
import { ERROR_SUMMARY, Layout, type PageProps } from '../../../views/layout.tsx';
import { newsletterMessages } from '../messages.ts';

type BaseProps = Omit<PageProps, 'title' | 'path' | 'children'>;

/** What the person typed, echoed back (escaped by JSX) when the form is shown again. */
export interface SignUpValues {
  email: string;
  language: string;
  terms: boolean;
}

const FIELDS = ['email', 'language', 'terms'] as const;

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="error" id={`${id}-error`}>
      {message}
    </p>
  ) : null;
}

/** The sign-up form: address, language, and agreement to the terms (required, linked). */
export function SignUpPage(props: BaseProps & { values: SignUpValues; errors: Readonly<Record<string, string>> }) {
  const { locale, t, values, errors } = props;
  const m = newsletterMessages(locale);
  const errorList = FIELDS.filter((field) => errors[field]).map((field) => [field, errors[field]!] as const);
  return (
    <Layout locale={locale} t={t} title={m.title} path="/newsletter" failed={errorList.length > 0}>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <p>
        {m.privacy} <a href={`/${locale}/privacy`}>{t.footer.privacy}</a>
      </p>
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
      <form method="post" action={`/${locale}/newsletter`} accept-charset="utf-8">
        <div class="field">
          <label for="email">{m.form.email}</label>
          <p class="hint" id="email-hint">
            {m.form.emailHint}
          </p>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            required
            maxlength={254}
            value={values.email}
            aria-invalid={errors.email ? 'true' : undefined}
            aria-describedby={errors.email ? 'email-hint email-error' : 'email-hint'}
          />
          <FieldError id="email" message={errors.email} />
        </div>
        <fieldset id="language">
          <legend>{m.form.language}</legend>
          {NEWSLETTER_LANGUAGES.map((language) => (
            <label>
              <input type="radio" name="language" value={language} checked={values.language === language} />{' '}
              <span lang={catalogFor(language).lang}>{catalogFor(language).languageName}</span>
            </label>
          ))}
          <FieldError id="language" message={errors.language} />
        </fieldset>
        <div class="field">
          <label>
            <input
              id="terms"
              type="checkbox"
              name="terms"
              value="yes"
              required
              checked={values.terms}
              aria-invalid={errors.terms ? 'true' : undefined}
            />{' '}
            {m.form.terms} <a href={`/${locale}/terms`}>{m.form.termsLink}</a>
          </label>
          <FieldError id="terms" message={errors.terms} />
        </div>
        <button type="submit">{m.form.submit}</button>
      </form>
    </Layout>
  );
}

/** A page of one message: the answer to a sign-up, a confirmation, an unsubscription, a bad link. */
export function NoticePage(
  props: BaseProps & { path: string; title: string; lines: readonly string[]; back?: { href: string; label: string } },
) {
  return (
    <Layout locale={props.locale} t={props.t} title={props.title} path={props.path}>
      <h1>{props.title}</h1>
      {props.lines.map((line) => (
        <p>{line}</p>
      ))}
      {props.back && (
        <p>
          <a href={props.back.href}>{props.back.label}</a>
        </p>
      )}
    </Layout>
  );
}

/**
 * The page a mailed link opens (GET): it only asks. The button posts to the same address, so a mail
 * scanner that follows every link changes nothing.
 */
export function ButtonPage(props: BaseProps & { path: string; title: string; body: string; button: string }) {
  return (
    <Layout locale={props.locale} t={props.t} title={props.title} path={props.path}>
      <h1>{props.title}</h1>
      <p>{props.body}</p>
      <form method="post" action={`/${props.locale}${props.path}`}>
        <button type="submit">{props.button}</button>
      </form>
    </Layout>
  );
}
