import { centerInputSchema, type CenterField, type CenterInput } from '../../../domain/centers/center-input.ts';
import { fieldErrors } from '../../../domain/declaration/declaration-input.ts';
import { errorMessage, type Locale } from '../../../i18n/index.ts';
import type { Center } from '../../../services/centers-service.ts';
import { single, type FormFields } from '../../form-body.ts';

/** The form's fields, in the order they are shown. */
export const CENTER_FIELDS = [
  'name',
  'city',
  'country',
  'hotlines',
  'fax',
  'email',
  'address',
  'openingHours',
  'languages',
  'isPublic',
] as const satisfies readonly CenterField[];
/** One message per field, in the reader's language. */
export type CenterFieldErrors = Partial<Record<CenterField, string>>;

/** What the form shows: the stored center, or exactly what the person sent (JSX escapes it). */
export interface CenterFormValues {
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

export const EMPTY_CENTER_FORM: CenterFormValues = {
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

export function centerFormValues(center: Center): CenterFormValues {
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

export type ParsedCenterForm =
  | { ok: true; input: CenterInput; values: CenterFormValues }
  | { ok: false; values: CenterFormValues; errors: CenterFieldErrors };

/** Parses the form with the shared schema; on failure, the person's input and one message per field. */
export function parseCenterForm(locale: Locale, fields: FormFields): ParsedCenterForm {
  const raw = Object.fromEntries(CENTER_FIELDS.map((field) => [field, single(fields[field])])) as Record<CenterField, string>;
  const values: CenterFormValues = { ...raw, isPublic: CHECKED.includes(raw.isPublic) };
  const parsed = centerInputSchema.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data, values };
  const errors: CenterFieldErrors = {};
  for (const [field, error] of Object.entries(fieldErrors(parsed.error))) {
    const key = (CENTER_FIELDS as readonly string[]).includes(field) ? (field as CenterField) : 'name';
    errors[key] ??= errorMessage(locale, error.code, error.params);
  }
  return { ok: false, values, errors };
}
