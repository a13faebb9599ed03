import { z } from 'zod';
import {
  field,
  headcountProblem,
  issueError,
  LIMITS,
  optionalText,
  readBehalf,
  readContact,
  readFlag,
  readHeadcount,
  readNames,
  readOrgs,
  type FieldError,
} from './fields.ts';

export { BEHALVES, LIMITS, MAX_HEADCOUNT, type FieldError } from './fields.ts';

/**
 * The one schema for a declaration, shared by the HTML form (strings and
 * repeated fields) and the JSON API (strings, arrays, numbers, booleans).
 * Each issue's message is an error code that the catalogs translate; the
 * fields are read by the rules in fields.ts, which batch entry reads by too.
 */
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
    const problem = input.headcount === undefined ? null : headcountProblem(input.headcount);
    if (problem) ctx.addIssue({ code: 'custom', path: ['headcount'], message: problem.message, params: problem.params });
    if (input.behalf === 'family' && !input.consent) {
      ctx.addIssue({ code: 'custom', path: ['consent'], message: 'consent.required' });
    }
  })
  .transform((input) => ({ ...input, headcount: input.headcount ?? input.names.length }));

export type DeclarationInput = z.output<typeof declarationInputSchema>;

/** The first problem of each field, in a shape every renderer understands. */
export function fieldErrors(error: z.ZodError): Record<string, FieldError> {
  const result: Record<string, FieldError> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!result[field]) result[field] = issueError(issue);
  }
  return result;
}
