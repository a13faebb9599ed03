import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { CENTER_LIMITS, centerInputSchema } from '../../domain/centers/center-input.ts';
import { fieldErrors } from '../../domain/declaration/declaration-input.ts';
import { errorMessage } from '../../i18n/index.ts';
import { can, Permission } from '../../domain/staff/permissions.ts';
import type { SignedInSession } from '../../services/staff-auth-service.ts';
import type { Center, CentersService } from '../../services/centers-service.ts';
import type { SignedInEnv } from '../env.ts';
import { readFormBody, single, type FormFields } from '../form-body.ts';
import { centersMessages, type CentersMessages } from './centers-messages.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from './console-kit.tsx';
import { ConsoleLayout, CsrfField } from './views/console-layout.tsx';

const FIELDS = ['name', 'city', 'country', 'hotlines', 'fax', 'email', 'address', 'openingHours', 'languages', 'isPublic'] as const;
type Field = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<Field, string>>;

/** What the form shows: the stored center, or exactly what the person sent (JSX escapes it). */
interface CenterFormValues {
  name: string;
  city: string;
  country: string;
  /** One number per line. */
  hotlines: string;
  fax: string;
  email: string;
  address: string;
  openingHours: string;
  languages: string;
  isPublic: boolean;
}

const EMPTY_FORM: CenterFormValues = {
  name: '',
  city: '',
  country: '',
  hotlines: '',
  fax: '',
  email: '',
  address: '',
  openingHours: '',
  languages: '',
  isPublic: false,
};

const CHECKED = ['yes', 'on', 'true', '1'];

function valuesOf(center: Center): CenterFormValues {
  return {
    name: center.name,
    city: center.city,
    country: center.country,
    hotlines: center.hotlines.join('\n'),
    fax: center.fax ?? '',
    email: center.email ?? '',
    address: center.address ?? '',
    openingHours: center.openingHours ?? '',
    languages: center.languages,
    isPublic: center.isPublic,
  };
}

/** Parses the form with the shared schema; on failure, the person's input and one message per field. */
function parseForm(c: Context<SignedInEnv>, fields: FormFields) {
  const raw = Object.fromEntries(FIELDS.map((field) => [field, single(fields[field])])) as Record<Field, string>;
  const values: CenterFormValues = { ...raw, isPublic: CHECKED.includes(raw.isPublic) };
  const parsed = centerInputSchema.safeParse(raw);
  if (parsed.success) return { ok: true as const, input: parsed.data, values };
  const errors: FieldErrors = {};
  for (const [field, error] of Object.entries(fieldErrors(parsed.error))) {
    const key = (FIELDS as readonly string[]).includes(field) ? (field as Field) : 'name';
    errors[key] ??= errorMessage(c.get('locale'), error.code, error.params);
  }
  return { ok: false as const, values, errors };
}

/** Ids are positive integers from the database; anything else is not a center. */
function centerId(value: string): number | null {
  if (!/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id < 2 ** 31 ? id : null;
}

function Lines({ text }: { text: string }) {
  const lines = text.split('\n');
  return (
    <>
      {lines.map((line, index) => (
        <>
          {index > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}

function CenterForm(props: {
  m: CentersMessages;
  session: SignedInSession | undefined;
  action: string;
  submit: string;
  values: CenterFormValues;
  errors: FieldErrors;
}) {
  const { m, values, errors } = props;
  const control = (name: Field) => ({
    id: name,
    name,
    'aria-invalid': errors[name] ? 'true' : undefined,
    'aria-describedby': errors[name] ? `${name}-hint ${name}-error` : `${name}-hint`,
  });
  const fieldError = (name: Field) =>
    errors[name] ? (
      <p class="error" id={`${name}-error`}>
        {errors[name]}
      </p>
    ) : null;
  const field = (name: Exclude<Field, 'isPublic'>, children: Child) => (
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
  const errorList = FIELDS.filter((name) => errors[name]);
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

/** What a center admin sees of their own center: the same fields, as text. */
function CenterFacts({ m, center }: { m: CentersMessages; center: Center }) {
  const optional = (value: string | null) => (value ? <Lines text={value} /> : m.none);
  return (
    <dl class="facts" id="center-facts">
      <dt>{m.fields.name}</dt>
      <dd>{center.name}</dd>
      <dt>{m.fields.city}</dt>
      <dd>{center.city}</dd>
      <dt>{m.fields.country}</dt>
      <dd>{center.country}</dd>
      <dt>{m.fields.hotlines}</dt>
      <dd>{optional(center.hotlines.join('\n'))}</dd>
      <dt>{m.fields.fax}</dt>
      <dd>{optional(center.fax)}</dd>
      <dt>{m.fields.email}</dt>
      <dd>{optional(center.email)}</dd>
      <dt>{m.fields.address}</dt>
      <dd>{optional(center.address)}</dd>
      <dt>{m.fields.openingHours}</dt>
      <dd>{optional(center.openingHours)}</dd>
      <dt>{m.fields.languages}</dt>
      <dd>{optional(center.languages)}</dd>
      <dt>{m.fields.isPublic}</dt>
      <dd>{center.isPublic ? m.yes : m.no}</dd>
    </dl>
  );
}

/**
 * The service centers: admins (CentersManage) list, create and edit every
 * center; a center admin sees their own center, read-only. Each route's rule
 * is in console-rules.ts; the service checks the scope again.
 */
export function centerRoutes(router: ConsoleRouter, centers: CentersService): void {
  function formPage(
    c: Context<SignedInEnv>,
    options: { title: string; action: string; submit: string; values: CenterFormValues; errors?: FieldErrors; saved?: boolean },
    status: 200 | 422 = 200,
  ) {
    const props = consoleProps(c);
    const m = centersMessages(c.get('locale'));
    return consolePage(
      c,
      <ConsoleLayout {...props} title={options.title}>
        {options.saved && (
          <p class="notice" role="status">
            {m.saved}
          </p>
        )}
        <CenterForm
          m={m}
          session={c.get('staffSession')}
          action={options.action}
          submit={options.submit}
          values={options.values}
          errors={options.errors ?? {}}
        />
        <p>
          <a href="/console/centers">{m.back}</a>
        </p>
      </ConsoleLayout>,
      status,
    );
  }

  function newForm(c: Context<SignedInEnv>, values: CenterFormValues, errors?: FieldErrors) {
    const m = centersMessages(c.get('locale'));
    return formPage(c, { title: m.newTitle, action: '/console/centers', submit: m.create, values, errors }, errors ? 422 : 200);
  }

  function editForm(c: Context<SignedInEnv>, center: Center, values: CenterFormValues, options: { errors?: FieldErrors; saved?: boolean } = {}) {
    const m = centersMessages(c.get('locale'));
    return formPage(
      c,
      { title: center.name, action: `/console/center/${center.id}`, submit: m.save, values, ...options },
      options.errors ? 422 : 200,
    );
  }

  /**
   * A center outside the actor's scope answers 404, like one that does not
   * exist: the route rule already admitted the role, and an unlisted center
   * stays unlisted.
   */
  async function findCenter(c: Context<SignedInEnv>) {
    const id = centerId(c.req.param('id') ?? '');
    if (id === null) return null;
    const result = await centers.get(c.get('staffSession').actor, id);
    return result.ok ? result.value : null;
  }

  consoleRoute(router, 'GET', '/console/centers', async (c) => {
    const props = consoleProps(c);
    const m = centersMessages(c.get('locale'));
    const actor = c.get('staffSession').actor;
    const result = await centers.list(actor);
    if (!result.ok) return consoleError(c, 403, result.error);
    const manage = can(actor, Permission.CentersManage);
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.title}>
        {manage && (
          <p>
            <a class="button" href="/console/centers/new">
              {m.add}
            </a>
          </p>
        )}
        {result.value.length === 0 ? (
          <p id="no-centers">{manage || actor.centerId !== null ? m.empty : m.noCenter}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{m.fields.name}</th>
                <th>{m.fields.city}</th>
                <th>{m.fields.country}</th>
                <th>{m.fields.isPublic}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {result.value.map((center) => (
                <tr data-center-id={center.id}>
                  <td>{center.name}</td>
                  <td>{center.city}</td>
                  <td>{center.country}</td>
                  <td>{center.isPublic ? m.yes : m.no}</td>
                  <td>
                    <a href={`/console/center/${center.id}`}>{manage ? m.edit : m.view}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ConsoleLayout>,
    );
  });

  // One center is /console/center/:id, not /console/centers/:id beside this one: see createApp.
  consoleRoute(router, 'GET', '/console/centers/new', (c) => newForm(c, EMPTY_FORM));

  consoleRoute(router, 'POST', '/console/centers', async (c) => {
    const form = parseForm(c, (await readFormBody(c)) ?? {});
    if (!form.ok) return newForm(c, form.values, form.errors);
    const result = await centers.create(c.get('staffSession').actor, form.input);
    if (!result.ok) {
      if (result.error === 'auth.forbidden') return consoleError(c, 403, result.error);
      return newForm(c, form.values, { name: errorMessage(c.get('locale'), result.error) });
    }
    return c.redirect(`/console/center/${result.value.id}?saved=1`, 303);
  });

  consoleRoute(router, 'GET', '/console/center/:id', async (c) => {
    const center = await findCenter(c);
    if (!center) return consoleError(c, 404, 'request.notFound');
    const saved = c.req.query('saved') === '1';
    if (can(c.get('staffSession').actor, Permission.CentersManage)) return editForm(c, center, valuesOf(center), { saved });
    const props = consoleProps(c);
    const m = centersMessages(c.get('locale'));
    return consolePage(
      c,
      <ConsoleLayout {...props} title={center.name}>
        <p>{m.readOnly}</p>
        <CenterFacts m={m} center={center} />
        <p>
          <a href="/console/centers">{m.back}</a>
        </p>
      </ConsoleLayout>,
    );
  });

  consoleRoute(router, 'POST', '/console/center/:id', async (c) => {
    const center = await findCenter(c);
    if (!center) return consoleError(c, 404, 'request.notFound');
    const form = parseForm(c, (await readFormBody(c)) ?? {});
    if (!form.ok) return editForm(c, center, form.values, { errors: form.errors });
    const result = await centers.update(c.get('staffSession').actor, center.id, form.input);
    if (!result.ok) {
      if (result.error === 'auth.forbidden') return consoleError(c, 403, result.error);
      if (result.error === 'request.notFound') return consoleError(c, 404, result.error);
      return editForm(c, center, form.values, { errors: { name: errorMessage(c.get('locale'), result.error) } });
    }
    return c.redirect(`/console/center/${center.id}?saved=1`, 303);
  });
}
