import { STATUS_AFTER, TRANSITIONS } from '../../domain/declaration/status.ts';
import { can, Permission, type Actor } from '../../domain/staff/permissions.ts';
import type { LikelyDuplicateRow } from '../../repositories/moderation/signal-queries.ts';
import { fail, ok, type Result } from '../result.ts';
import { staffLabel } from '../staff-auth-service.ts';
import { Abort, labelFor, type ModerationKit } from './kit.ts';
import { DUPLICATE_WINDOW_MS } from './queue.ts';
import { normalizeRegistrationNumber } from '../../domain/declaration/registration-number.ts';

/** The reject reason the migration seeds for "duplicates an existing declaration". */
const DUPLICATE_REASON_ID = 2;
/** The most suspected originals the detail page lists; the total is shown beside them. */
const SUSPECTED_ORIGINALS_SHOWN = 20;

interface DuplicateOutcome {
  registrationNumber: string;
  original: string;
}

/** The declarations one likely duplicates (same alias and region within 30 days), newest first. */
interface SuspectedOriginals {
  items: LikelyDuplicateRow[];
  /** All of them; at most SUSPECTED_ORIGINALS_SHOWN are in items. */
  total: number;
}

/** Duplicates: the declarations one likely repeats, and marking it as the duplicate of one of them. */
export function duplicateOperations(kit: ModerationKit) {
  const { db, moderation, declarations, numbers, timeZone, now, inTransaction, auditDeclaration, findOne, changedInPublic } = kit;
  return {
    /** What the "likely duplicate" signal of one declaration counts, for the editor to choose its original from. */
    async suspectedOriginals(actor: Actor, registrationNumberInput: string): Promise<Result<SuspectedOriginals>> {
      if (!can(actor, Permission.ModerationRead)) return fail('auth.forbidden');
      const registrationNumber = normalizeRegistrationNumber(registrationNumberInput);
      const row = registrationNumber ? await moderation.one(db, numbers.ref(registrationNumber)) : null;
      if (!row) return fail('request.notFound');
      const found = await moderation.likelyDuplicates(db, row, DUPLICATE_WINDOW_MS, SUSPECTED_ORIGINALS_SHOWN);
      return ok({ items: found.rows, total: found.total });
    },

    /**
     * Rejects a pending or published declaration as the duplicate of another,
     * with the "duplicate" reason in its own language; a published one leaves
     * the public record, and its people the day they were counted on. Refuses
     * a self-reference and an original that is itself a duplicate, so chains
     * and cycles cannot form.
     */
    async markDuplicate(actor: Actor, registrationNumber: string, originalRegistrationNumber: string): Promise<Result<DuplicateOutcome>> {
      if (!can(actor, Permission.ModerationDecide)) return fail('auth.forbidden');
      const result = await inTransaction(async (trx) => {
        const target = await findOne(trx, registrationNumber);
        const original = await findOne(trx, originalRegistrationNumber);
        if (!target || !original) return fail('request.notFound');
        if (target.id === original.id) return fail('moderation.selfDuplicate');
        if (original.duplicateOf !== null) return fail('moderation.originalIsDuplicate');
        const reason = await moderation.findRejectReason(trx, DUPLICATE_REASON_ID);
        if (!reason) throw new Error('the "duplicate" reject reason is missing');
        const reasonText = labelFor(reason, target.locale);
        const at = now();
        const lockOriginal = async () => {
          if (!(await declarations.lockAsOriginal(trx, original.id))) throw new Abort('moderation.originalIsDuplicate');
        };
        // Rows are locked in id order, so two opposite markings wait rather than deadlock.
        if (original.id < target.id) await lockOriginal();
        // The status moves first: the counters take the people off while the row is not yet a duplicate.
        const moved = await declarations.changeStatus(trx, {
          id: target.id,
          from: TRANSITIONS.markDuplicate,
          to: STATUS_AFTER.markDuplicate,
          at,
          timeZone,
          rejectReason: reasonText,
          rejectReasonId: reason.id,
        });
        if (!moved) throw new Abort('moderation.wrongStatus');
        if (!(await declarations.setDuplicateOf(trx, target.id, original.id))) throw new Abort('moderation.wrongStatus');
        if (original.id > target.id) await lockOriginal();
        await declarations.appendEvent(trx, {
          declarationId: target.id,
          kind: 'rejected',
          actor: staffLabel(actor),
          reason: reasonText,
          at,
        });
        await auditDeclaration(trx, actor, at, 'declaration.markedDuplicate', target.registrationNumber, {
          from: target.status,
          original: original.registrationNumber,
          reasonId: reason.id,
          reason: reasonText,
        });
        return ok({ registrationNumber: target.registrationNumber, original: original.registrationNumber });
      });
      return changedInPublic(result);
    },
  };
}
