import type { Child } from 'hono/jsx';
import { CENTER_LIMITS, type CenterField } from '../../../../domain/centers/center-input.ts';
import type { SignedInSession } from '../../../../services/staff-auth-service.ts';
import { ConsoleLayout, CsrfField, type ConsoleShellProps } from '../../views/console-layout.tsx';
import { CENTER_FIELDS, type CenterFieldErrors, type CenterFormValues } from '../form.ts';
import type { CentersMessages } from '../messages.ts';

function CenterForm(props: {
  m: CentersMessages;
  session: SignedInSession | undefined;
  action: string;
  submit: string;
  values: CenterFormValues;
  errors: CenterFieldErrors;
}) {
  const { m, values, errors } = props;
  const control = (name: CenterField) => ({
    id: name,
    name,
    'aria-invalid': errors[name] ? 'true' : undefined,
    'aria-describedby': errors[name] ? `${name}-hint ${name}-error` : `${name}-hint`,
  });
  const fieldError = (name: CenterField) =>
    errors[name] ? (
      <p class="error" id={`${name}-error`}>
        {errors[name]}
      </p>
    ) : null;
  const field = (name: Exclude<CenterField, 'isPublic'>, children: Child) => (
    <div class="field">
      <label for={name}>{m.fields[name]}</label>
      <p class="hint" id={`${name}-hint`}>
        {m.hints[name]}
      </p>
      {children}
      {fieldError(name)}
    </div>
  );
  const text = (name: 'name' | 'city' | 'country' | 'languages', maxlength: number, required = false) =>
    field(name, <input {...control(name)} type="text" maxlength={maxlength} required={required} value={values[name]} />);
  const errorList = CENTER_FIELDS.filter((name) => errors[name]);
  return (
    <form method="post" action={props.action} accept-charset="utf-8">
      <CsrfField session={props.session} />
      {errorList.length > 0 && (
        <div class="errors" role="alert">
          <p>{m.errorsHeading}</p>
          <ul>
            {errorList.map((name) => (
              <li>
                <a href={`#${name}`}>{m.fields[name]}</a>
                {m.colon}
                {errors[name]}
              </li>
            ))}
          </ul>
        </div>
      )}
      {text('name', CENTER_LIMITS.name, true)}
      {text('city', CENTER_LIMITS.city, true)}
      {text('country', CENTER_LIMITS.country, true)}
      {field(
        'hotlines',
        <textarea {...control('hotlines')} rows={3} inputmode="tel">
          {values.hotlines}
        </textarea>,
      )}
      {field('fax', <input {...control('fax')} type="text" inputmode="tel" maxlength={CENTER_LIMITS.hotline} value={values.fax} />)}
      {field('email', <input {...control('email')} type="email" maxlength={CENTER_LIMITS.email} value={values.email} />)}
      {field(
        'address',
        <textarea {...control('address')} rows={3} maxlength={CENTER_LIMITS.address}>
          {values.address}
        </textarea>,
      )}
      {field(
        'openingHours',
        <textarea {...control('openingHours')} rows={2} maxlength={CENTER_LIMITS.openingHours}>
          {values.openingHours}
        </textarea>,
      )}
      {text('languages', CENTER_LIMITS.languages)}
      <div class="field">
        <label>
          <input
            type="checkbox"
            id="isPublic"
            name="isPublic"
            value="yes"
            checked={values.isPublic}
            aria-invalid={errors.isPublic ? 'true' : undefined}
            aria-describedby={errors.isPublic ? 'isPublic-error' : undefined}
          />{' '}
          {m.hints.isPublic}
        </label>
        {fieldError('isPublic')}
      </div>
      <p>
        <button type="submit">{props.submit}</button>
      </p>
    </form>
  );
}

/** A new center, or one an admin edits: the form, what was sent (or stored), one message per field. */
export function CenterFormPage(props: {
  shell: ConsoleShellProps;
  m: CentersMessages;
  title: string;
  action: string;
  submit: string;
  values: CenterFormValues;
  errors: CenterFieldErrors;
  saved: boolean | undefined;
}) {
  const { m } = props;
  return (
    <ConsoleLayout {...props.shell} title={props.title}>
      {props.saved && (
        <p class="notice" role="status">
          {m.saved}
        </p>
      )}
      <CenterForm
        m={m}
        session={props.shell.session}
        action={props.action}
        submit={props.submit}
        values={props.values}
        errors={props.errors}
      />
      <p>
        <a href="/console/centers">{m.back}</a>
      </p>
    </ConsoleLayout>
  );
}
