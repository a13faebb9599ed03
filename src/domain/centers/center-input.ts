import { z } from 'zod';
import { cleanText, findTextProblem } from '../declaration/safe-text.ts';

/**
 * The one schema for a center, shared by the console form (strings; hotlines
 * one per line) and any JSON caller (arrays, booleans). Each issue's message
 * is an error code that the catalogs translate.
 */
export const CENTER_LIMITS = {
  name: 100,
  city: 60,
  country: 60,
  hotline: 40,
  hotlines: 10,
  email: 254,
  address: 300,
  openingHours: 200,
  languages: 100,
} as const;

/** Digits, spaces, + - ( ) and at least one digit; full-width forms are folded first. */
const PHONE = /^[0-9 +\-()]+$/;

function normalizePhone(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

function isAcceptablePhone(value: string): boolean {
  return value.length <= CENTER_LIMITS.hotline && PHONE.test(value) && /[0-9]/.test(value);
}

function text(maxLength: number, options: { multiline?: boolean; required?: boolean } = {}) {
  const multiline = options.multiline ?? false;
  return z
    .string({ error: 'text.invalid' })
    .nullish()
    .superRefine((value, ctx) => {
      if (value === undefined || value === null) {
        if (options.required) ctx.addIssue({ code: 'custom', message: 'text.required' });
        return;
      }
      const problem = findTextProblem(value, { maxLength, multiline });
      if (problem) return ctx.addIssue({ code: 'custom', message: `text.${problem}`, params: { max: maxLength } });
      if (options.required && cleanText(value, multiline) === '') ctx.addIssue({ code: 'custom', message: 'text.required' });
    })
    .transform((value) => (value === undefined || value === null ? '' : cleanText(value, multiline)));
}

const optionalText = (maxLength: number, multiline = false) =>
  text(maxLength, { multiline }).transform((value) => (value === '' ? null : value));

/** One number per line in the form, or an array from JSON; blank lines are ignored. */
const hotlines = z
  .union([z.string(), z.array(z.string()).max(CENTER_LIMITS.hotlines * 4)], { error: 'text.invalid' })
  .nullish()
  .superRefine((value, ctx) => {
    if (value === undefined || value === null) return;
    for (const part of typeof value === 'string' ? [value] : value) {
      const problem = findTextProblem(part, {
        maxLength: CENTER_LIMITS.hotlines * (CENTER_LIMITS.hotline + 2),
        multiline: true,
      });
      if (problem) return ctx.addIssue({ code: 'custom', message: `text.${problem}`, params: { max: CENTER_LIMITS.hotline } });
    }
  })
  .transform((value) =>
    (value === undefined || value === null ? [] : typeof value === 'string' ? value.split(/\r\n|\r|\n/) : value)
      .flatMap((part) => part.split(/\r\n|\r|\n/))
      .map(normalizePhone)
      .filter((part) => part !== ''),
  )
  .superRefine((list, ctx) => {
    if (list.length > CENTER_LIMITS.hotlines)
      return ctx.addIssue({ code: 'custom', message: 'hotlines.tooMany', params: { max: CENTER_LIMITS.hotlines } });
    const invalid = list.find((phone) => !isAcceptablePhone(phone));
    if (invalid !== undefined) ctx.addIssue({ code: 'custom', message: 'hotlines.invalid', params: { name: invalid } });
  });

const fax = text(CENTER_LIMITS.hotline)
  .transform((value) => normalizePhone(value))
  .superRefine((value, ctx) => {
    if (value !== '' && !isAcceptablePhone(value)) ctx.addIssue({ code: 'custom', message: 'hotlines.invalid', params: { name: value } });
  })
  .transform((value) => (value === '' ? null : value));

const email = optionalText(CENTER_LIMITS.email).superRefine((value, ctx) => {
  if (value !== null && !z.email().safeParse(value).success) ctx.addIssue({ code: 'custom', message: 'contact.invalid' });
});

/** Checkbox semantics: the form sends "yes"/"on" or nothing, JSON a boolean. */
const isPublic = z
  .union([z.boolean(), z.enum(['yes', 'on', 'true', '1', 'no', 'false', '0', ''])], { error: 'text.invalid' })
  .optional()
  .transform((value) => value === true || value === 'yes' || value === 'on' || value === 'true' || value === '1');

export const centerInputSchema = z.object({
  name: text(CENTER_LIMITS.name, { required: true }),
  city: text(CENTER_LIMITS.city, { required: true }),
  country: text(CENTER_LIMITS.country, { required: true }),
  hotlines,
  fax,
  email,
  address: optionalText(CENTER_LIMITS.address, true),
  openingHours: optionalText(CENTER_LIMITS.openingHours, true),
  languages: text(CENTER_LIMITS.languages),
  isPublic,
});

/** What the repository stores: every field present, optional ones null. */
export type CenterInput = z.output<typeof centerInputSchema>;
/** What a form or JSON body may send. */
export type CenterFormInput = z.input<typeof centerInputSchema>;
export type CenterField = keyof CenterFormInput;
