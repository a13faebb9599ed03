import { z } from 'zod';
import { MAX_NAMES, findRepeatedName, isAcceptableName, splitNames } from './names.ts';
import { ORGANIZATIONS, isOrganization, type Organization } from './organizations.ts';
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

/** Why a field is refused: an error code the catalogs translate, and what its message names. */
class Problem {
  constructor(
    readonly message: string,
    readonly params?: Record<string, string | number>,
  ) {}
}

/**
 * A field read by one plain function, which zod runs as a single step. Built
 * from unions, optionals, transforms and refinements, the same rules cost zod
 * a payload, a closure and a memo entry per layer on every parse: 10 KB per
 * submission, the largest allocation on the intake path.
 *
 * A refused field reads as undefined to the checks across fields below, which
 * still run, so that one answer names every problem the input has.
 */
function field<T>(read: (value: unknown) => T | Problem) {
  // optional(): an absent key is not an error here; read() sees it as undefined and decides.
  return z.unknown().optional().transform((value, ctx): T => {
    const result = read(value);
    if (!(result instanceof Problem)) return result;
    ctx.addIssue({ code: 'custom', message: result.message, params: result.params, continue: true });
    return undefined as T;
  });
}

/** A string or a list of strings (the form repeats fields, JSON sends arrays); null for anything else. */
function strings(value: unknown, maxItems: number): readonly string[] | null {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || value.length > maxItems) return null;
  return value.every((item) => typeof item === 'string') ? value : null;
}

function optionalText(maxLength: number, multiline: boolean) {
  return (value: unknown): string | undefined | Problem => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return new Problem('text.invalid');
    const problem = findTextProblem(value, { maxLength, multiline });
    if (problem) return new Problem(`text.${problem}`, { max: maxLength });
    return cleanText(value, multiline) || undefined;
  };
}

function readNames(value: unknown): string[] | Problem {
  const parts = value === undefined ? [''] : strings(value, MAX_NAMES * 4);
  if (!parts) return new Problem('text.invalid');
  for (const part of parts) {
    const problem = findTextProblem(part, { maxLength: MAX_NAMES * (LIMITS.name + 2), multiline: true });
    if (problem) return new Problem(`text.${problem}`, { max: LIMITS.name });
  }
  const list = splitNames(parts);
  if (list.length === 0) return new Problem('names.required');
  if (list.length > MAX_NAMES) return new Problem('names.tooMany', { max: MAX_NAMES });
  const invalid = list.find((name) => !isAcceptableName(name));
  if (invalid !== undefined) return new Problem('names.invalid', { name: invalid });
  const repeated = findRepeatedName(list);
  return repeated === undefined ? list : new Problem('names.repeated', { name: repeated });
}

/** In canonical order, each once. */
function readOrgs(value: unknown): Organization[] | Problem {
  const parts = value === undefined ? [] : strings(value, ORGANIZATIONS.length * 2);
  if (!parts || !parts.every(isOrganization)) return new Problem('orgs.invalid');
  if (parts.length === 0) return new Problem('orgs.required');
  return ORGANIZATIONS.filter((org) => parts.includes(org));
}

/** Empty means "the number of names"; the form sends strings, the API numbers. */
function readHeadcount(value: unknown): number | undefined | Problem {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
  if (typeof value !== 'number' && typeof value !== 'string') return new Problem('headcount.invalid');
  const text = typeof value === 'string' ? value.normalize('NFKC').trim() : String(value);
  return /^[0-9]{1,6}$/.test(text) ? Number(text) : new Problem('headcount.invalid');
}

function readBehalf(value: unknown): Behalf | Problem {
  if (value === undefined || value === '') return 'self';
  return (BEHALVES as readonly unknown[]).includes(value) ? (value as Behalf) : new Problem('behalf.invalid');
}

/** Checkbox semantics: the form sends "yes"/"on", the API a boolean. */
const CHECKED: readonly unknown[] = [true, 'yes', 'on', 'true', '1'];
const UNCHECKED: readonly unknown[] = [false, 'no', 'false', '0', ''];

function readFlag(value: unknown): boolean | Problem {
  if (value === undefined || UNCHECKED.includes(value)) return false;
  return CHECKED.includes(value) ? true : new Problem('consent.invalid');
}

const contactText = optionalText(LIMITS.contact, false);
const email = z.email();

function readContact(value: unknown): string | undefined | Problem {
  const text = contactText(value);
  if (typeof text !== 'string' || email.safeParse(text).success) return text;
  return new Problem('contact.invalid');
}

export const declarationInputSchema = z
  .object({
    names: field(readNames),
    orgs: field(readOrgs),
    headcount: field(readHeadcount),
    title: field(optionalText(LIMITS.title, false)),
    region: field(optionalText(LIMITS.region, false)),
    statement: field(optionalText(LIMITS.statement, true)),
    behalf: field(readBehalf),
    consent: field(readFlag),
    contact: field(readContact),
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

/**
 * The fields a batch row shares with the form, read by the same rules, for
 * batch entry: each person entered there has a title, a statement and a behalf too.
 */
export const sharedRowFields = {
  title: field(optionalText(LIMITS.title, false)),
  statement: field(optionalText(LIMITS.statement, true)),
  behalf: field(readBehalf),
};

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
