import { DEFAULT_CONSEQUENCES, OUTCOMES, type Consequence } from '../../../domain/outreach/outcomes.ts';
import { single, type FormFields } from '../../form-body.ts';

/**
 * The consequences form as the service takes it: for each outcome, the consequence chosen, left
 * out where it is the default. The service checks it (bounds, fixed outcomes) and refuses it whole.
 */
export function overridesFrom(fields: FormFields): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const outcome of OUTCOMES) {
    const kind = single(fields[`kind.${outcome}`]);
    if (kind === '') continue;
    const number = (name: string) => Number(single(fields[`${name}.${outcome}`]));
    const consequence =
      kind === 'retry'
        ? { kind, afterHours: number('afterHours'), maxAttempts: number('maxAttempts') }
        : kind === 'callback'
          ? { kind, for: single(fields[`for.${outcome}`]) }
          : { kind };
    if (!sameConsequence(consequence, DEFAULT_CONSEQUENCES[outcome])) overrides[outcome] = consequence;
  }
  return overrides;
}

function sameConsequence(a: Record<string, unknown>, b: Consequence): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
