import { cleanText, findTextProblem } from '../../domain/declaration/safe-text.ts';
import { can, Permission, type Actor } from '../../domain/staff/permissions.ts';
import type { RejectReasonRecord } from '../../repositories/moderation/reject-reason-queries.ts';
import { fail, ok, type Result } from '../result.ts';
import { staffLabel } from '../staff-auth-service.ts';
import type { ModerationKit } from './kit.ts';

/** The most characters of a reject reason, managed or written for one rejection. */
export const REASON_MAX_LENGTH = 200;

interface RejectReason {
  id: number;
  labels: RejectReasonRecord['labels'];
}

/** The managed reject reasons: the list editors choose from, kept by those who manage it. */
export function reasonOperations({ db, moderation, audit, now, inTransaction }: ModerationKit) {
  return {
    /** Every reason, retired ones too, for the page that manages them. */
    async allReasons(actor: Actor): Promise<Result<RejectReasonRecord[]>> {
      if (!can(actor, Permission.ReasonsManage)) return fail('auth.forbidden');
      return ok(await moderation.rejectReasons(db, { activeOnly: false }));
    },

    /** A new reason, written in all three languages so every declarant reads it in theirs. */
    async addReason(actor: Actor, input: { 'zh-hans': string; 'zh-hant': string; en: string }): Promise<Result<number>> {
      if (!can(actor, Permission.ReasonsManage)) return fail('auth.forbidden');
      const labels = { 'zh-hans': '', 'zh-hant': '', en: '' };
      for (const locale of ['zh-hans', 'zh-hant', 'en'] as const) {
        const value = typeof input[locale] === 'string' ? input[locale] : '';
        if (findTextProblem(value, { maxLength: REASON_MAX_LENGTH, multiline: false })) return fail('request.invalid');
        labels[locale] = cleanText(value, false);
        if (!labels[locale]) return fail('text.required');
      }
      return inTransaction(async (trx) => {
        const id = await moderation.insertRejectReason(trx, labels);
        await audit.append(trx, {
          at: now(),
          actorId: actor.id,
          actor: staffLabel(actor),
          action: 'reason.added',
          targetType: 'reason',
          targetId: String(id),
          details: { labels },
        });
        return ok(id);
      });
    },

    /** Retired reasons leave the list editors choose from; past rejections keep their text. */
    async setReasonActive(actor: Actor, id: number, active: boolean): Promise<Result<true>> {
      if (!can(actor, Permission.ReasonsManage)) return fail('auth.forbidden');
      return inTransaction(async (trx) => {
        if (!(await moderation.setRejectReasonActive(trx, id, active))) return fail('request.notFound');
        await audit.append(trx, {
          at: now(),
          actorId: actor.id,
          actor: staffLabel(actor),
          action: active ? 'reason.activated' : 'reason.retired',
          targetType: 'reason',
          targetId: String(id),
          details: {},
        });
        return ok(true as const);
      });
    },

    /** The active reject reasons, each in the three languages. */
    async reasons(): Promise<RejectReason[]> {
      return (await moderation.rejectReasons(db, { activeOnly: true })).map(({ id, labels }) => ({ id, labels }));
    },
  };
}
