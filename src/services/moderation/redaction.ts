import { aliasKey } from '../../domain/declaration/alias-key.ts';
import { LIMITS } from '../../domain/declaration/declaration-input.ts';
import { MAX_NAMES, isAcceptableName, splitNames } from '../../domain/declaration/names.ts';
import { cleanText, findTextProblem } from '../../domain/declaration/safe-text.ts';
import type { ErrorCode } from '../../i18n/index.ts';
import { can, Permission, type Actor } from '../../domain/staff/permissions.ts';
import type { RedactedFields } from '../../repositories/declarations/index.ts';
import { fail, ok, type Result } from '../result.ts';
import type { ModerationKit } from './kit.ts';

type RedactableField = 'title' | 'statement' | 'names' | 'region';

/** An editor's replacements; names as the form writes them (separated by 、 or commas) or as a list. */
interface Redaction {
  title?: string | undefined;
  statement?: string | null | undefined;
  names?: string | readonly string[] | undefined;
  /** Null or blank removes the region. */
  region?: string | null | undefined;
}

interface RedactOutcome {
  registrationNumber: string;
  changed: RedactableField[];
}

/**
 * A written title must stay non-empty (redact() checks a blank one against the row: it is
 * what the form sends for a declaration without a title); a statement or a region may be
 * removed (null or blank). Names follow the public form's rules, and there may not be more
 * of them than people.
 */
function checkRedaction(
  text: Redaction,
): { ok: true; title?: string; statement?: string | null; names?: string[]; region?: string | null } | { ok: false; error: ErrorCode } {
  const result: { ok: true; title?: string; statement?: string | null; names?: string[]; region?: string | null } = { ok: true };
  if (text.title !== undefined) {
    if (typeof text.title !== 'string') return { ok: false, error: 'text.invalid' };
    const problem = findTextProblem(text.title, { maxLength: LIMITS.title, multiline: false });
    if (problem) return { ok: false, error: `text.${problem}` };
    result.title = cleanText(text.title, false);
  }
  if (text.statement !== undefined) {
    if (text.statement === null) result.statement = null;
    else {
      if (typeof text.statement !== 'string') return { ok: false, error: 'text.invalid' };
      const problem = findTextProblem(text.statement, { maxLength: LIMITS.statement, multiline: true });
      if (problem) return { ok: false, error: `text.${problem}` };
      result.statement = cleanText(text.statement, true) || null;
    }
  }
  if (text.names !== undefined) {
    const parts = typeof text.names === 'string' ? [text.names] : text.names;
    if (!Array.isArray(parts) || parts.length > MAX_NAMES * 4 || !parts.every((part) => typeof part === 'string'))
      return { ok: false, error: 'text.invalid' };
    for (const part of parts) {
      const problem = findTextProblem(part, { maxLength: MAX_NAMES * (LIMITS.name + 2), multiline: true });
      if (problem) return { ok: false, error: `text.${problem}` };
    }
    const names = splitNames(parts);
    if (names.length === 0) return { ok: false, error: 'names.required' };
    if (names.length > MAX_NAMES) return { ok: false, error: 'moderation.namesInvalid' };
    result.names = names;
  }
  if (text.region !== undefined) {
    if (text.region === null) result.region = null;
    else {
      if (typeof text.region !== 'string') return { ok: false, error: 'text.invalid' };
      const problem = findTextProblem(text.region, { maxLength: LIMITS.region, multiline: false });
      if (problem) return { ok: false, error: `text.${problem}` };
      result.region = cleanText(text.region, false) || null;
    }
  }
  if (result.title === undefined && result.statement === undefined && result.names === undefined && result.region === undefined) {
    return { ok: false, error: 'request.invalid' };
  }
  return result;
}

/** Redaction: an editor replaces identifying details in a declaration's text. */
export function redactionOperations({ declarations, now, inTransaction, auditDeclaration, findOne, changedInPublic }: ModerationKit) {
  return {
    /**
     * Replaces the title, statement, names or region; the head-count stays. The audit entry
     * keeps the original text, which leaves no other trace: search, the alias key and the
     * public pages follow the new text, and the region statistics its new region.
     */
    async redact(actor: Actor, registrationNumber: string, text: Redaction): Promise<Result<RedactOutcome>> {
      if (!can(actor, Permission.ModerationDecide)) return fail('auth.forbidden');
      const checked = checkRedaction(text ?? {});
      if (!checked.ok) return fail(checked.error);
      const result = await inTransaction(async (trx) => {
        const target = await findOne(trx, registrationNumber);
        if (!target) return fail('request.notFound');
        // Blank leaves a declaration without a title as it is; a written title cannot be blanked.
        if (checked.title === '' && target.title !== null) return fail('text.invalid');
        const title = checked.title === '' ? null : checked.title;
        const set: RedactedFields = {};
        const original: { title?: string | null; statement?: string | null; names?: string[]; region?: string | null } = {};
        if (title !== undefined && title !== null && title !== target.title) {
          set.title = title;
          original.title = target.title;
        }
        if (checked.statement !== undefined && checked.statement !== target.statement) {
          set.statement = checked.statement;
          original.statement = target.statement;
        }
        if (checked.names !== undefined && checked.names.join('\n') !== target.names.join('\n')) {
          // Checked only when they change: names kept as they are (imported ones, say) pass unexamined.
          if (!checked.names.every(isAcceptableName)) return fail('moderation.namesInvalid');
          if (checked.names.length > target.headcount) return fail('moderation.namesBeyondHeadcount');
          set.names = checked.names;
          set.aliasKey = aliasKey(checked.names[0]!);
          original.names = target.names;
        }
        if (checked.region !== undefined && checked.region !== target.region) {
          set.region = checked.region;
          original.region = target.region;
        }
        const changed = (['title', 'statement', 'names', 'region'] as const).filter((field) => field in original);
        if (changed.length === 0) return ok({ registrationNumber: target.registrationNumber, changed });
        const at = now();
        await declarations.setText(trx, target.id, set);
        await auditDeclaration(trx, actor, at, 'declaration.redacted', target.registrationNumber, { fields: changed, original });
        return ok({ registrationNumber: target.registrationNumber, changed });
      });
      return changedInPublic(result);
    },
  };
}
