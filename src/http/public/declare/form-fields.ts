import type { DeclarationInput } from '../../../domain/declaration/declaration-input.ts';
import { identifyingKinds, type IdentifyingKind } from '../../../domain/declaration/identifying-details.ts';
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

/** The header an API client sends altcha's payload in, for a challenge from GET /api/v1/challenge. */
export const PROOF_HEADER = 'altcha';

/** The proof of work the form's worker put in its hidden field (pow-files.ts), if any. */
export function proofOf(fields: FormFields): string | undefined {
  return single(fields.altcha) || undefined;
}

/** Where a form submission's answer sends the browser: its receipt page, by a one-use reference. */
export const receiptLocation = (locale: string, ref: string) => `/${locale}/declare/receipt/${ref}`;

/**
 * What a valid form post says that could identify its author, unless the person has seen the warning
 * and chosen "submit anyway" (the `anyway` button). Such a post is answered with the form again, and
 * nothing of it is stored; the submission lane leaves it to the route.
 */
export function identifyingWarning(fields: FormFields, input: DeclarationInput): IdentifyingKind[] {
  if (single(fields.anyway) === 'yes') return [];
  return identifyingKinds([input.title, input.region, input.statement], input.contact);
}

/** A press of the alias helper's buttons, which re-renders the form and stores nothing. */
export function isAliasHelperPost(fields: FormFields): boolean {
  return single(fields.pick) !== '' || single(fields.action) === 'suggest';
}
