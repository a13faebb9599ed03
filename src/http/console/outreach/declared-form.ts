import { BATCH_CONSENT } from '../../../domain/batch/batch-input.ts';
import { Problem, readBehalf, readName, readOrgs, type Behalf } from '../../../domain/declaration/fields.ts';
import type { Organization } from '../../../domain/declaration/organizations.ts';
import { errorMessage, type Locale } from '../../../i18n/index.ts';
import { list, single, type FormFields } from '../../form-body.ts';

/**
 * What a "declared" call agreed to, noted on the calling screen and carried to batch entry:
 *  declared.alias, declared.orgs (repeated: party, league, pioneers), declared.behalf,
 *  declared.consent (= "confirmed"). The fields are read by the same readers as batch entry's,
 *  so a refusal reads the same in both places.
 */
export interface DeclaredValues {
  alias: string;
  orgs: string[];
  behalf: string;
  consent: boolean;
}

export interface Declared {
  /** Empty: batch entry asks for one or suggests one. Never the contact's name, which the volunteer types nowhere here. */
  alias: string;
  orgs: Organization[];
  behalf: Behalf;
}

export const noDeclared = (): DeclaredValues => ({ alias: '', orgs: [], behalf: 'self', consent: false });

export function declaredFrom(fields: FormFields): DeclaredValues {
  return {
    alias: single(fields['declared.alias']),
    orgs: list(fields['declared.orgs']),
    behalf: single(fields['declared.behalf']) || 'self',
    consent: single(fields['declared.consent']) === BATCH_CONSENT,
  };
}

/** The values, or every problem they have as localized messages. */
export function readDeclared(values: DeclaredValues, locale: Locale): { ok: true; value: Declared } | { ok: false; errors: string[] } {
  const alias = values.alias.trim() === '' ? '' : readName(values.alias);
  const orgs = readOrgs(values.orgs);
  const behalf = readBehalf(values.behalf);
  const problems = [alias, orgs, behalf].filter((read) => read instanceof Problem);
  if (!values.consent) problems.push(new Problem('consent.notConfirmed'));
  if (problems.length > 0 || alias instanceof Problem || orgs instanceof Problem || behalf instanceof Problem)
    return { ok: false, errors: problems.map((problem) => errorMessage(locale, problem.message, problem.params)) };
  return { ok: true, value: { alias, orgs, behalf } };
}

/** Batch entry's link for this call: what it already accepts (channel, call), and the row and consent prefilled. */
export function batchLink(attemptId: number, declared: Declared): string {
  const query = new URLSearchParams({ channel: 'phone', call: String(attemptId), consent: BATCH_CONSENT, behalf: declared.behalf });
  for (const org of declared.orgs) query.append('orgs', org);
  if (declared.alias !== '') query.set('alias', declared.alias);
  return `/console/batch?${query.toString()}`;
}
