import { normalizeRegistrationNumber } from '../../domain/declaration/registration-number.ts';
import { cleanText, findTextProblem } from '../../domain/declaration/safe-text.ts';
import { STATUS_AFTER, TRANSITIONS } from '../../domain/declaration/status.ts';
import { DEFAULT_LOCALE, type ErrorCode } from '../../i18n/index.ts';
import { can, Permission, type Actor } from '../../domain/staff/permissions.ts';
import type { ModerationTarget } from '../../repositories/moderation/queue-queries.ts';
import type { RejectReasonRecord } from '../../repositories/moderation/reject-reason-queries.ts';
import { fail, ok, type Result } from '../result.ts';
import { staffLabel } from '../staff-auth-service.ts';
import { labelFor, type ModerationKit } from './kit.ts';
import { REASON_MAX_LENGTH } from './reasons.ts';

/** The most registration numbers one bulk decision takes. */
export const MAX_BULK = 500;
/** The most characters of an editor's feedback to the declarant (the catalogs' 'moderation.feedbackTooLong' says so). */
export const FEEDBACK_MAX_LENGTH = 1000;

type SkipReason = 'notFound' | 'wrongStatus';

export interface BulkOutcome {
  done: string[];
  skipped: { registrationNumber: string; reason: SkipReason }[];
}

interface UnpublishOutcome {
  registrationNumber: string;
}

/** Optional feedback to the declarant, checked like any other text field; null when there is none. */
function checkFeedback(input: string | null | undefined): { ok: true; feedback: string | null } | { ok: false; error: ErrorCode } {
  if (input === undefined || input === null) return { ok: true, feedback: null };
  if (typeof input !== 'string') return { ok: false, error: 'text.invalid' };
  const problem = findTextProblem(input, { maxLength: FEEDBACK_MAX_LENGTH, multiline: true });
  if (problem) return { ok: false, error: problem === 'tooLong' ? 'moderation.feedbackTooLong' : `text.${problem}` };
  return { ok: true, feedback: cleanText(input, true) || null };
}

/** A reason in an editor's own words, checked like a managed one. */
function checkReasonText(input: string): { ok: true; text: string } | { ok: false; error: ErrorCode } {
  if (typeof input !== 'string') return { ok: false, error: 'text.invalid' };
  const problem = findTextProblem(input, { maxLength: REASON_MAX_LENGTH, multiline: false });
  if (problem) return { ok: false, error: `text.${problem}` };
  const text = cleanText(input, false);
  return text ? { ok: true, text } : { ok: false, error: 'text.required' };
}

/**
 * Normalised and de-duplicated, within the bulk limit; null when the list
 * is unusable. `key` is the normalised number, or the input (cut short)
 * when it cannot be one, for the report.
 */
function bulkNumbers(registrationNumbers: readonly string[]): { key: string; number: string | null }[] | null {
  if (!Array.isArray(registrationNumbers) || registrationNumbers.length === 0 || registrationNumbers.length > MAX_BULK) return null;
  const seen = new Set<string>();
  const list: { key: string; number: string | null }[] = [];
  for (const input of registrationNumbers) {
    if (typeof input !== 'string') return null;
    const number = normalizeRegistrationNumber(input);
    const key = number ?? input.slice(0, 40);
    if (seen.has(key)) continue;
    seen.add(key);
    list.push({ key, number });
  }
  return list;
}

/** What a rejection says: a managed reason (in each declarant's language) or an editor's own words. */
type Rejection = { reason: RejectReasonRecord } | { text: string };

/** Approval and rejection of pending declarations, one or many at once, and taking a published one back. */
export function decisionOperations(kit: ModerationKit) {
  const { db, moderation, declarations, numbers, timeZone, now, inTransaction, auditDeclaration, findOne, changedInPublic } = kit;

  /**
   * Approves or rejects each pending declaration; the others are skipped with
   * the reason. The rows change in one statement, which takes their locks in
   * the same order whoever runs it, and the audit entries are appended last:
   * the audit chain's lock is then only ever taken by a transaction that
   * already holds all its row locks, so two moderators deciding overlapping
   * lists at once wait for each other instead of deadlocking.
   */
  async function decide(
    actor: Actor,
    registrationNumbers: readonly string[],
    decision: { action: 'publish' } | ({ action: 'reject' } & Rejection),
    feedbackInput: string | null | undefined,
  ): Promise<Result<BulkOutcome>> {
    // Nothing ticked is a slip of the hand, not a bad request: say what to do.
    if (Array.isArray(registrationNumbers) && registrationNumbers.length === 0) return fail('moderation.noneTicked');
    const list = bulkNumbers(registrationNumbers);
    if (!list) return fail('request.invalid');
    const checked = checkFeedback(feedbackInput);
    if (!checked.ok) return fail(checked.error);
    const feedback = checked.feedback;
    const reasonFor = (target: ModerationTarget): string | null =>
      decision.action === 'publish' ? null : 'text' in decision ? decision.text : labelFor(decision.reason, target.locale);
    const reasonId = decision.action === 'reject' && 'reason' in decision ? decision.reason.id : null;
    const storedReason =
      decision.action === 'publish'
        ? null
        : 'text' in decision
          ? decision.text
          : { byLocale: decision.reason.labels, otherwise: decision.reason.labels[DEFAULT_LOCALE] };
    return inTransaction(async (trx) => {
      const results = new Map<string, SkipReason | 'done'>();
      const refs = list.flatMap(({ number }) => (number === null ? [] : [numbers.ref(number)]));
      const targets = await moderation.findTargets(trx, refs);
      const at = now();
      const moved = new Set(
        await declarations.changeStatusMany(trx, {
          ids: targets.map((target) => target.id).sort((a, b) => a - b),
          from: TRANSITIONS[decision.action][0],
          to: STATUS_AFTER[decision.action],
          at,
          timeZone,
          ...(decision.action === 'reject' ? { rejectReason: storedReason, rejectReasonId: reasonId } : {}),
          ...(feedback !== null ? { feedback } : {}),
        }),
      );
      const decided = targets.filter((target) => moved.has(target.id)).sort((a, b) => a.id - b.id);
      for (const target of targets) results.set(target.registrationNumber, moved.has(target.id) ? 'done' : 'wrongStatus');
      const label = staffLabel(actor);
      const kind = decision.action === 'publish' ? 'published' : 'rejected';
      await declarations.appendEvents(
        trx,
        decided.map((target) => ({ declarationId: target.id, kind, actor: label, reason: reasonFor(target), at })),
      );
      for (const target of decided) {
        await auditDeclaration(
          trx,
          actor,
          at,
          decision.action === 'publish' ? 'declaration.approved' : 'declaration.rejected',
          target.registrationNumber,
          {
            from: target.status,
            ...(decision.action === 'reject' ? { reasonId, reason: reasonFor(target) } : {}),
            ...(feedback !== null ? { feedback } : {}),
          },
        );
      }
      // Reported in the order given.
      const outcome: BulkOutcome = { done: [], skipped: [] };
      for (const { key } of list) {
        const result = results.get(key) ?? 'notFound';
        if (result === 'done') outcome.done.push(key);
        else outcome.skipped.push({ registrationNumber: key, reason: result });
      }
      return ok(outcome);
    });
  }

  return {
    /** `feedback`, when given, is shown to each declarant on their receipt. */
    approve(actor: Actor, registrationNumbers: readonly string[], feedback?: string | null): Promise<Result<BulkOutcome>> {
      if (!can(actor, Permission.ModerationDecide)) return Promise.resolve(fail('auth.forbidden'));
      return decide(actor, registrationNumbers, { action: 'publish' }, feedback);
    },

    /**
     * The declarant sees the reason through their receipt: a managed one (its id) in the
     * language they declared in, or an editor's own words as written; and the editor's
     * feedback beside it when there is some.
     */
    async reject(
      actor: Actor,
      registrationNumbers: readonly string[],
      reason: number | string,
      feedback?: string | null,
    ): Promise<Result<BulkOutcome>> {
      if (!can(actor, Permission.ModerationDecide)) return fail('auth.forbidden');
      if (typeof reason === 'string') {
        const written = checkReasonText(reason);
        if (!written.ok) return fail(written.error);
        return decide(actor, registrationNumbers, { action: 'reject', text: written.text }, feedback);
      }
      if (!Number.isSafeInteger(reason)) return fail('request.invalid');
      const managed = await moderation.findRejectReason(db, reason);
      if (!managed?.active) return fail('request.invalid');
      return decide(actor, registrationNumbers, { action: 'reject', reason: managed }, feedback);
    },

    /**
     * Takes a published declaration off the public record: it becomes a
     * rejection with a reason the declarant reads in their language, leaves
     * search and the archive, and its people come off the day they were
     * counted on.
     */
    async unpublish(actor: Actor, registrationNumber: string, reasonId: number): Promise<Result<UnpublishOutcome>> {
      if (!can(actor, Permission.ModerationDecide)) return fail('auth.forbidden');
      if (!Number.isSafeInteger(reasonId)) return fail('moderation.reasonInvalid');
      const reason = await moderation.findRejectReason(db, reasonId);
      if (!reason?.active) return fail('moderation.reasonInvalid');
      const result = await inTransaction(async (trx) => {
        const target = await findOne(trx, registrationNumber);
        if (!target) return fail('request.notFound');
        const reasonText = labelFor(reason, target.locale);
        const at = now();
        const moved = await declarations.changeStatus(trx, {
          id: target.id,
          from: TRANSITIONS.unpublish,
          to: STATUS_AFTER.unpublish,
          at,
          timeZone,
          rejectReason: reasonText,
        });
        if (!moved) return fail('moderation.wrongStatus');
        await declarations.appendEvent(trx, {
          declarationId: target.id,
          kind: 'rejected',
          actor: staffLabel(actor),
          reason: reasonText,
          at,
        });
        await auditDeclaration(trx, actor, at, 'declaration.unpublished', target.registrationNumber, {
          from: target.status,
          reasonId: reason.id,
          reason: reasonText,
        });
        return ok({ registrationNumber: target.registrationNumber });
      });
      return changedInPublic(result);
    },
  };
}
