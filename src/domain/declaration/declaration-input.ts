import { z } from 'zod';
import { MAX_NAMES, isAcceptableName, splitNames } from './names.ts';
import { ORGANIZATIONS, type Organization } from './organizations.ts';
import { cleanText, findTextProblem } from './safe-text.ts';

/**
 * The one schema for a declaration, shared by the HTML form (strings and
 * repeated fields) and the JSON API (strings, arrays, numbers, booleans).
 * Each issue's message is an error code that the catalogs translate.
 */
export const MAX_HEADCOUNT = 500;
export const LIMITS = { title: 100, region: 50, statement: 5000, contact: 254, name: 60 } as const;

export const BEHALVES = ['self', 'family', 'deceased'] as const;
export type Behalf = (typeof BEHALVES)[number];

function optionalText(maxLength: number, multiline: boolean) {
  return z
    .string({ error: 'text.invalid' })
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      const problem = findTextProblem(value, { maxLength, multiline });
      if (problem) ctx.addIssue({ code: 'custom', message: `text.${problem}`, params: { max: maxLength } });
    })
    .transform((value) => (value === undefined ? undefined : cleanText(value, multiline) || undefined));
}

const oneOrMany = z.union([z.string(), z.array(z.string()).max(MAX_NAMES * 4)], { error: 'text.invalid' });

const names = oneOrMany
  .optional()
  .transform((value) => value ?? '')
  .superRefine((value, ctx) => {
    for (const part of typeof value === 'string' ? [value] : value) {
      const problem = findTextProblem(part, { maxLength: MAX_NAMES * (LIMITS.name + 2), multiline: true });
      if (problem) return ctx.addIssue({ code: 'custom', message: `text.${problem}`, params: { max: LIMITS.name } });
    }
  })
  .transform((value) => splitNames(value))
  .superRefine((list, ctx) => {
    if (list.length === 0) return ctx.addIssue({ code: 'custom', message: 'names.required' });
    if (list.length > MAX_NAMES) return ctx.addIssue({ code: 'custom', message: 'names.tooMany', params: { max: MAX_NAMES } });
    const invalid = list.find((name) => !isAcceptableName(name));
    if (invalid !== undefined) ctx.addIssue({ code: 'custom', message: 'names.invalid', params: { name: invalid } });
  });

const orgs = z
  .union([z.string(), z.array(z.string()).max(ORGANIZATIONS.length * 2)], { error: 'orgs.invalid' })
  .optional()
  .transform((value) => (value === undefined ? [] : typeof value === 'string' ? [value] : value))
  .pipe(z.array(z.enum(ORGANIZATIONS, { error: 'orgs.invalid' })))
  .superRefine((list, ctx) => {
    if (list.length === 0) ctx.addIssue({ code: 'custom', message: 'orgs.required' });
  })
  .transform((list): Organization[] => ORGANIZATIONS.filter((org) => list.includes(org)));

/** Empty means "the number of names"; the form sends strings, the API numbers. */
const headcount = z
  .union([z.number(), z.string()], { error: 'headcount.invalid' })
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
    const text = typeof value === 'string' ? value.normalize('NFKC').trim() : String(value);
    if (!/^[0-9]{1,6}$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'headcount.invalid' });
      return z.NEVER;
    }
    return Number(text);
  });

/** Checkbox semantics: the form sends "yes"/"on", the API a boolean. */
const flag = z
  .union([z.boolean(), z.enum(['yes', 'on', 'true', '1', 'no', 'false', '0', ''])], { error: 'consent.invalid' })
  .optional()
  .transform((value) => value === true || value === 'yes' || value === 'on' || value === 'true' || value === '1');

const contact = optionalText(LIMITS.contact, false).superRefine((value, ctx) => {
  if (value !== undefined && !z.email().safeParse(value).success) ctx.addIssue({ code: 'custom', message: 'contact.invalid' });
});

export const declarationInputSchema = z
  .object({
    names,
    orgs,
    headcount,
    title: optionalText(LIMITS.title, false),
    region: optionalText(LIMITS.region, false),
    statement: optionalText(LIMITS.statement, true),
    behalf: z
      .union([z.enum(BEHALVES), z.literal('')], { error: 'behalf.invalid' })
      .optional()
      .transform((value): Behalf => (value ? value : 'self')),
    consent: flag,
    contact,
  })
  .superRefine((input, ctx) => {
    const count = input.names?.length ?? 0;
    if (input.headcount !== undefined && count > 0 && input.headcount < count) {
      ctx.addIssue({ code: 'custom', path: ['headcount'], message: 'headcount.belowNames', params: { min: count } });
    }
    if (input.headcount !== undefined && input.headcount > MAX_HEADCOUNT) {
      ctx.addIssue({ code: 'custom', path: ['headcount'], message: 'headcount.tooLarge', params: { max: MAX_HEADCOUNT } });
    }
    if (input.headcount !== undefined && input.headcount < 1) {
      ctx.addIssue({ code: 'custom', path: ['headcount'], message: 'headcount.invalid' });
    }
    if (input.behalf === 'family' && !input.consent) {
      ctx.addIssue({ code: 'custom', path: ['consent'], message: 'consent.required' });
    }
  })
  .transform((input) => ({ ...input, headcount: input.headcount ?? input.names.length }));

export type DeclarationInput = z.output<typeof declarationInputSchema>;
export type DeclarationField = keyof z.input<typeof declarationInputSchema>;

export interface FieldError {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** The first problem of each field, in a shape every renderer understands. */
export function fieldErrors(error: z.ZodError): Record<string, FieldError> {
  const result: Record<string, FieldError> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (result[field]) continue;
    const params = (issue as { params?: Record<string, string | number> }).params ?? {};
    const code = /^[a-z]+\.[a-zA-Z]+$/.test(issue.message) ? issue.message : 'text.invalid';
    result[field] = { code, params };
  }
  return result;
}
