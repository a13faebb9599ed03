import { z } from 'zod';
import { MAX_NAMES, findRepeatedName, isAcceptableName, nameProblemCode, splitNames } from './names.ts';
import { ORGANIZATIONS, isOrganization, type Organization } from './organizations.ts';
import { cleanText, findTextProblem } from './safe-text.ts';

/**
 * The rules of a declaration's fields, one reader per field, shared by the public form and the
 * JSON API (declaration-input.ts) and by batch entry (domain/batch/batch-input.ts). A reader takes
 * what was sent (strings, repeated fields, JSON values) and returns the field's value or a Problem
 * whose message is an error code the catalogs translate.
 */
export const MAX_HEADCOUNT = 500;
export const LIMITS = { title: 100, region: 50, statement: 5000, contact: 254, name: 60 } as const;

export const BEHALVES = ['self', 'family', 'deceased'] as const;
export type Behalf = (typeof BEHALVES)[number];

/** Why a field is refused: an error code the catalogs translate, and what its message names. */
export class Problem {
  constructor(
    readonly message: string,
    readonly params?: Record<string, string | number>,
  ) {}
}

/** A field's error as every renderer shows it. */
export interface FieldError {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * A field read by one plain function, which zod runs as a single step. Built
 * from unions, optionals, transforms and refinements, the same rules cost zod
 * a payload, a closure and a memo entry per layer on every parse, the largest
 * allocation on the intake path (docs/performance.md).
 *
 * A refused field reads as undefined to the checks across fields, which
 * still run, so that one answer names every problem the input has.
 */
export function field<T>(read: (value: unknown) => T | Problem) {
  // optional(): an absent key is not an error here; read() sees it as undefined and decides.
  return z
    .unknown()
    .optional()
    .transform((value, ctx): T => {
      const result = read(value);
      if (!(result instanceof Problem)) return result;
      ctx.addIssue({ code: 'custom', message: result.message, params: result.params, continue: true });
      return undefined as T;
    });
}

/** An error code: a lower-case area, a dot and a camel-case name ("names.required"). */
const ERROR_CODE = /^[a-z]+\.[a-zA-Z]+$/;

/** A zod issue as a field error: its code when the message is one (zod's own messages are not), and its params. */
export function issueError(issue: { readonly message: string }): FieldError {
  const params = (issue as { params?: Record<string, string | number> }).params ?? {};
  return { code: ERROR_CODE.test(issue.message) ? issue.message : 'text.invalid', params };
}

/** A string or a list of strings (the form repeats fields, JSON sends arrays); null for anything else. */
export function strings(value: unknown, maxItems: number): readonly string[] | null {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || value.length > maxItems) return null;
  return value.every((item) => typeof item === 'string') ? value : null;
}

/** Free text that may be left out: absent or blank reads as undefined. */
export function optionalText(maxLength: number, multiline: boolean) {
  return (value: unknown): string | undefined | Problem => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return new Problem('text.invalid');
    const problem = findTextProblem(value, { maxLength, multiline });
    if (problem) return new Problem(`text.${problem}`, { max: maxLength });
    return cleanText(value, multiline) || undefined;
  };
}

/** The names of one declaration: one or more, split at the separators the form documents. */
export function readNames(value: unknown): string[] | Problem {
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
  if (invalid !== undefined) return new Problem(nameProblemCode(invalid), { name: invalid });
  const repeated = findRepeatedName(list);
  return repeated === undefined ? list : new Problem('names.repeated', { name: repeated });
}

/** Exactly one name (a row of a batch is one person); absent or null reads as blank. */
export function readName(value: unknown): string | Problem {
  if (value !== undefined && value !== null && typeof value !== 'string') return new Problem('text.invalid');
  const text = value ?? '';
  const problem = findTextProblem(text, { maxLength: LIMITS.name, multiline: false });
  if (problem) return new Problem(`text.${problem}`, { max: LIMITS.name });
  const cleaned = cleanText(text, false).replace(/\s+/g, ' ');
  if (cleaned === '') return new Problem('names.required');
  // A name written twice in one row gets the form's own message; two different names, the batch's rule.
  const names = splitNames(cleaned);
  const repeated = findRepeatedName(names);
  if (repeated !== undefined) return new Problem('names.repeated', { name: repeated });
  if (names.length > 1) return new Problem('names.onePerRow', { name: cleaned });
  return isAcceptableName(cleaned) ? cleaned : new Problem(nameProblemCode(cleaned), { name: cleaned });
}

/** Organization keys as read, in canonical order, each once; at least one. */
export function organizationsFrom(keys: readonly string[]): Organization[] | Problem {
  if (!keys.every(isOrganization)) return new Problem('orgs.invalid');
  if (keys.length === 0) return new Problem('orgs.required');
  return ORGANIZATIONS.filter((org) => keys.includes(org));
}

/** The organizations as keys (party, league, pioneers), repeated or in a list. */
export function readOrgs(value: unknown): Organization[] | Problem {
  const parts = value === undefined ? [] : strings(value, ORGANIZATIONS.length * 2);
  return parts ? organizationsFrom(parts) : new Problem('orgs.invalid');
}

/** Blank reads as undefined (the caller's default); the form sends strings, the API numbers. */
export function readHeadcount(value: unknown): number | undefined | Problem {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
  if (typeof value !== 'number' && typeof value !== 'string') return new Problem('headcount.invalid');
  const text = typeof value === 'string' ? value.normalize('NFKC').trim() : String(value);
  return /^[0-9]{1,6}$/.test(text) ? Number(text) : new Problem('headcount.invalid');
}

/** What is wrong with a head-count read by readHeadcount, whatever the names: none, or too many people. */
export function headcountProblem(count: number): Problem | null {
  if (count > MAX_HEADCOUNT) return new Problem('headcount.tooLarge', { max: MAX_HEADCOUNT });
  return count < 1 ? new Problem('headcount.invalid') : null;
}

export function readBehalf(value: unknown): Behalf | Problem {
  if (value === undefined || value === '') return 'self';
  return (BEHALVES as readonly unknown[]).includes(value) ? (value as Behalf) : new Problem('behalf.invalid');
}

/** Checkbox semantics: the form sends "yes"/"on", the API a boolean. */
const CHECKED: readonly unknown[] = [true, 'yes', 'on', 'true', '1'];
const UNCHECKED: readonly unknown[] = [false, 'no', 'false', '0', ''];

export function readFlag(value: unknown): boolean | Problem {
  if (value === undefined || UNCHECKED.includes(value)) return false;
  return CHECKED.includes(value) ? true : new Problem('consent.invalid');
}

const contactText = optionalText(LIMITS.contact, false);
const email = z.email();

/** An e-mail address to reach the declarant, if they gave one. */
export function readContact(value: unknown): string | undefined | Problem {
  const text = contactText(value);
  if (typeof text !== 'string' || email.safeParse(text).success) return text;
  return new Problem('contact.invalid');
}
