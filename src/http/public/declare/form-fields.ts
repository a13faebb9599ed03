import { isSubmissionToken } from '../../../domain/declaration/submission-token.ts';
import { single, type FormFields } from '../../form-body.ts';

/*
 * How the declaration form's fields are read: by its route, and by the submission lane
 * (fast-lane/submission-lane.ts), which takes a valid post before the route sees it.
 */

/** The form's raw fields, with absent ones left out so the schema's defaults apply. */
export function schemaInput(fields: FormFields) {
  const input: Record<string, unknown> = {};
  for (const name of ['names', 'orgs', 'headcount', 'title', 'region', 'statement', 'behalf', 'consent', 'contact']) {
    const value = fields[name];
    if (value === undefined) continue;
    if (name === 'names' || name === 'orgs') input[name] = value;
    else input[name] = typeof value === 'string' || value.length !== 1 ? value : value[0];
  }
  return input;
}

/** The form's one-use token, if it carries one; a mirror's form may not, and is then not deduplicated. */
export function submissionToken(fields: FormFields): string | null {
  const token = single(fields.submission);
  return isSubmissionToken(token) ? token : null;
}

/** Where a form submission's answer sends the browser: its receipt page, by a one-use reference. */
export const receiptLocation = (locale: string, ref: string) => `/${locale}/declare/receipt/${ref}`;

/** A press of the alias helper's buttons, which re-renders the form and stores nothing. */
export function isAliasHelperPost(fields: FormFields): boolean {
  return single(fields.pick) !== '' || single(fields.action) === 'suggest';
}
