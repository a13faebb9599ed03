import type { Child } from 'hono/jsx';
import { ORGANIZATIONS } from '../../../../domain/declaration/organizations.ts';
import { BEHALVES, LIMITS, MAX_HEADCOUNT } from '../../../../domain/declaration/declaration-input.ts';
import { REGIONS } from '../../../../domain/declaration/regions.ts';
import type { IdentifyingKind } from '../../../../domain/declaration/identifying-details.ts';
import { inReaderScript } from '../../../../i18n/script-conversion.ts';
import { ConsentNote, ERROR_SUMMARY, Layout, SafetyNotes, type PageProps } from '../../../views/layout.tsx';

/** What the person typed, echoed back unchanged (and escaped) when the form is shown again. */
export interface DeclareFormValues {
  names: string;
  orgs: readonly string[];
  headcount: string;
  title: string;
  region: string;
  statement: string;
  behalf: string;
  consent: boolean;
  contact: string;
}

export const EMPTY_FORM: DeclareFormValues = {
  names: '',
  orgs: [],
  headcount: '',
  title: '',
  region: '',
  statement: '',
  behalf: 'self',
  consent: false,
  contact: '',
};

type Props = Omit<PageProps, 'title' | 'path' | 'children'> & {
  values: DeclareFormValues;
  errors: Readonly<Record<string, string>>;
  suggestions: readonly string[];
  /** What the post said that could identify its author: asked about before it is filed. */
  identifying: readonly IdentifyingKind[];
  /** The one-use token of this filling of the form: a repeated post of it returns the first receipt. */
  submission: string;
  /** A proof-of-work challenge (base64 JSON) for the worker to solve while the form is filled in. */
  challenge: string;
};

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="error" id={`${id}-error`}>
      {message}
    </p>
  ) : null;
}

/** `aria-describedby` for a field: its hint, then its error when it has one. */
function describedBy(id: string, errors: Readonly<Record<string, string>>): string {
  return errors[id] ? `${id}-hint ${id}-error` : `${id}-hint`;
}

/** The attributes every control of the form shares: its name, and how it is described and flagged. */
function control(name: string, errors: Readonly<Record<string, string>>) {
  return {
    id: name,
    name,
    'aria-invalid': errors[name] ? 'true' : undefined,
    'aria-describedby': describedBy(name, errors),
  };
}

/** Label, hint, the control itself, then the field's error. */
function Field(props: { name: string; label: string; hint: string; hintClass?: string; error: string | undefined; children: Child }) {
  return (
    <div class="field" id={`${props.name}-field`}>
      <label for={props.name}>{props.label}</label>
      <p class={props.hintClass ? `hint ${props.hintClass}` : 'hint'} id={`${props.name}-hint`}>
        {props.hint}
      </p>
      {props.children}
      <FieldError id={props.name} message={props.error} />
    </div>
  );
}

export function DeclarePage(props: Props) {
  const { t, locale, values, errors, suggestions } = props;
  const f = t.form;
  const errorList = Object.entries(errors);
  const regionName = (region: (typeof REGIONS)[number]) => (locale === 'en' ? region.en : inReaderScript(region.zh, locale));
  return (
    <Layout
      {...props}
      title={props.identifying.length > 0 ? f.identifying.pageTitle : f.title}
      path="/declare"
      failed={errorList.length > 0}
    >
      <h1>{f.title}</h1>
      <p>{f.intro}</p>
      {errorList.length > 0 && (
        <div {...ERROR_SUMMARY}>
          <p>
            <strong>{f.errorsHeading}</strong>
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
      {props.identifying.length > 0 && (
        <div {...ERROR_SUMMARY} class="errors" id="identifying">
          <p>
            <strong>{f.identifying.heading}</strong>
          </p>
          <ul>
            {props.identifying.map((kind) => (
              <li>
                <a href={kind === 'mainlandMail' ? '#contact' : '#statement'}>{f.identifying.kinds[kind]}</a>
              </li>
            ))}
          </ul>
          <p>{f.identifying.advice}</p>
          <p>
            {/* Outside the form, joined to it by its id: only this button sends "anyway". */}
            <button type="submit" form="declare-form" name="anyway" value="yes" class="secondary">
              {f.identifying.anyway}
            </button>
          </p>
        </div>
      )}
      <SafetyNotes t={t} />
      <form method="post" action={`/${locale}/declare`} accept-charset="utf-8" id="declare-form">
        {/* First in the form, so pressing Enter in a field submits rather than asks for suggestions. */}
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: out of the tab order (tabindex -1) and off screen; only Enter reaches it. */}
        <button type="submit" class="offscreen" tabindex={-1} aria-hidden="true">
          {f.submit}
        </button>
        <input type="hidden" name="submission" value={props.submission} />
        {/* Filled by /pow.js once its worker has solved the challenge; left empty without JavaScript. */}
        <input type="hidden" name="altcha" value="" data-challenge={props.challenge} />
        <fieldset id="orgs" aria-describedby={describedBy('orgs', errors)}>
          <legend>{f.orgsLegend}</legend>
          <p class="hint" id="orgs-hint">
            {f.orgsHint}
          </p>
          {ORGANIZATIONS.map((org) => (
            <label>
              <input type="checkbox" name="orgs" value={org} checked={values.orgs.includes(org)} />
              {f.orgs[org]}
            </label>
          ))}
          <FieldError id="orgs" message={errors.orgs} />
        </fieldset>

        <Field name="names" label={f.namesLabel} hint={f.namesHint} error={errors.names}>
          <textarea {...control('names', errors)} rows={2} required maxlength={LIMITS.name * 50}>
            {values.names}
          </textarea>
          <p>
            {/* The answer opens at its suggestions (or, after a pick, at the names): on a phone they are far below the top. */}
            <button
              type="submit"
              name="action"
              value="suggest"
              class="secondary"
              formaction={`/${locale}/declare#suggestions`}
              formnovalidate
            >
              {f.suggest}
            </button>
          </p>
          {suggestions.length > 0 && (
            <div id="suggestions">
              <p class="hint">{f.suggestionsHeading}</p>
              {suggestions.map((alias) => {
                // The button inserts what it shows: 靜瑞 for a reader of traditional script, not 静瑞.
                const shown = inReaderScript(alias, locale);
                return (
                  <button type="submit" name="pick" value={shown} class="chip" formaction={`/${locale}/declare#names-field`} formnovalidate>
                    {shown}
                  </button>
                );
              })}
            </div>
          )}
        </Field>

        <Field name="headcount" label={f.headcountLabel} hint={f.headcountHint} error={errors.headcount}>
          <input {...control('headcount', errors)} type="number" min={1} max={MAX_HEADCOUNT} inputmode="numeric" value={values.headcount} />
        </Field>

        <Field name="title" label={f.titleLabel} hint={f.titleHint} error={errors.title}>
          <input {...control('title', errors)} type="text" maxlength={LIMITS.title} value={values.title} />
        </Field>

        <Field name="region" label={f.regionLabel} hint={f.regionHint} error={errors.region}>
          <input {...control('region', errors)} type="text" list="regions" maxlength={LIMITS.region} value={values.region} />
          <datalist id="regions">
            {REGIONS.map((region) => (
              <option value={regionName(region)} />
            ))}
          </datalist>
        </Field>

        <Field name="statement" label={f.statementLabel} hint={f.statementHint} error={errors.statement}>
          <textarea {...control('statement', errors)} rows={6} maxlength={LIMITS.statement}>
            {values.statement}
          </textarea>
        </Field>

        <fieldset id="behalf">
          <legend>{f.behalfLegend}</legend>
          {BEHALVES.map((behalf) => (
            <label>
              <input type="radio" name="behalf" value={behalf} checked={values.behalf === behalf} />
              {f.behalf[behalf]}
            </label>
          ))}
          <FieldError id="behalf" message={errors.behalf} />
          <label id="consent">
            <input type="checkbox" name="consent" value="yes" checked={values.consent} />
            {f.consentLabel}
          </label>
          <FieldError id="consent" message={errors.consent} />
        </fieldset>

        <Field name="contact" label={f.contactLabel} hint={f.contactWarning} hintClass="warning" error={errors.contact}>
          <input {...control('contact', errors)} type="email" maxlength={LIMITS.contact} autocomplete="off" value={values.contact} />
        </Field>

        <ConsentNote locale={locale} t={t} />
        <p>
          <button type="submit">{f.submit}</button>
        </p>
      </form>
      <script src="/pow.js" defer />
    </Layout>
  );
}
