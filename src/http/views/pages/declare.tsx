import { ORGANIZATIONS } from '../../../domain/declaration/organizations.ts';
import { BEHALVES, LIMITS, MAX_HEADCOUNT } from '../../../domain/declaration/declaration-input.ts';
import { REGIONS } from '../../../domain/declaration/regions.ts';
import { inReaderScript } from '../../../i18n/script-conversion.ts';
import { Layout, SafetyNotes, type PageProps } from '../layout.tsx';

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

export function DeclarePage(props: Props) {
  const { t, locale, values, errors, suggestions } = props;
  const f = t.form;
  const errorList = Object.entries(errors);
  const regionName = (region: (typeof REGIONS)[number]) => (locale === 'en' ? region.en : inReaderScript(region.zh, locale));
  return (
    <Layout {...props} title={f.title} path="/declare">
      <h1>{f.title}</h1>
      <p>{f.intro}</p>
      {errorList.length > 0 && (
        <div class="errors" role="alert">
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
      <SafetyNotes t={t} />
      <form method="post" action={`/${locale}/declare`} accept-charset="utf-8">
        {/* First in the form, so pressing Enter in a field submits rather than asks for suggestions. */}
        <button type="submit" class="offscreen" tabindex={-1} aria-hidden="true">
          {f.submit}
        </button>
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

        <div class="field">
          <label for="names">{f.namesLabel}</label>
          <p class="hint" id="names-hint">
            {f.namesHint}
          </p>
          <textarea
            id="names"
            name="names"
            rows={2}
            required
            maxlength={LIMITS.name * 50}
            aria-invalid={errors.names ? 'true' : undefined}
            aria-describedby={describedBy('names', errors)}
          >
            {values.names}
          </textarea>
          <FieldError id="names" message={errors.names} />
          <p>
            <button type="submit" name="action" value="suggest" class="secondary" formnovalidate>
              {f.suggest}
            </button>
          </p>
          {suggestions.length > 0 && (
            <div id="suggestions">
              <p class="hint">{f.suggestionsHeading}</p>
              {suggestions.map((alias) => (
                <button type="submit" name="pick" value={alias} class="chip" formnovalidate>
                  {inReaderScript(alias, locale)}
                </button>
              ))}
            </div>
          )}
        </div>

        <div class="field">
          <label for="headcount">{f.headcountLabel}</label>
          <p class="hint" id="headcount-hint">
            {f.headcountHint}
          </p>
          <input
            id="headcount"
            name="headcount"
            type="number"
            min={1}
            max={MAX_HEADCOUNT}
            inputmode="numeric"
            value={values.headcount}
            aria-invalid={errors.headcount ? 'true' : undefined}
            aria-describedby={describedBy('headcount', errors)}
          />
          <FieldError id="headcount" message={errors.headcount} />
        </div>

        <div class="field">
          <label for="title">{f.titleLabel}</label>
          <p class="hint" id="title-hint">
            {f.titleHint}
          </p>
          <input
            id="title"
            name="title"
            type="text"
            maxlength={LIMITS.title}
            value={values.title}
            aria-invalid={errors.title ? 'true' : undefined}
            aria-describedby={describedBy('title', errors)}
          />
          <FieldError id="title" message={errors.title} />
        </div>

        <div class="field">
          <label for="region">{f.regionLabel}</label>
          <p class="hint" id="region-hint">
            {f.regionHint}
          </p>
          <input
            id="region"
            name="region"
            type="text"
            list="regions"
            maxlength={LIMITS.region}
            value={values.region}
            aria-invalid={errors.region ? 'true' : undefined}
            aria-describedby={describedBy('region', errors)}
          />
          <datalist id="regions">
            {REGIONS.map((region) => (
              <option value={regionName(region)} />
            ))}
          </datalist>
          <FieldError id="region" message={errors.region} />
        </div>

        <div class="field">
          <label for="statement">{f.statementLabel}</label>
          <p class="hint" id="statement-hint">
            {f.statementHint}
          </p>
          <textarea
            id="statement"
            name="statement"
            rows={6}
            maxlength={LIMITS.statement}
            aria-invalid={errors.statement ? 'true' : undefined}
            aria-describedby={describedBy('statement', errors)}
          >
            {values.statement}
          </textarea>
          <FieldError id="statement" message={errors.statement} />
        </div>

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

        <div class="field">
          <label for="contact">{f.contactLabel}</label>
          <p class="hint warning" id="contact-hint">
            {f.contactWarning}
          </p>
          <input
            id="contact"
            name="contact"
            type="email"
            maxlength={LIMITS.contact}
            autocomplete="off"
            value={values.contact}
            aria-invalid={errors.contact ? 'true' : undefined}
            aria-describedby={describedBy('contact', errors)}
          />
          <FieldError id="contact" message={errors.contact} />
        </div>

        <p>
          <button type="submit">{f.submit}</button>
        </p>
      </form>
    </Layout>
  );
}
