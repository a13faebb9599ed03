import { callbackState, type CallbackState } from '../../domain/outreach/contact-status.ts';
import { Permission, can, type Actor } from '../../domain/staff/permissions.ts';
import { fail, ok, type Result } from '../result.ts';
import { auditEntry, campaignFor, openCard, type ContactCard, type OutreachDeps } from './outreach-deps.ts';

export interface CallbackItem {
  contact: ContactCard;
  campaignId: number;
  campaignName: string;
  dueAt: Date;
  state: CallbackState;
  /** Scheduled for the actor; otherwise for anyone at the center. */
  mine: boolean;
}

/** A queue shows at most this many; the soonest come first. */
const QUEUE_LIMIT = 200;

/** The callbacks queue: the actor's own and their center's (every center's for global admins). */
export function createCallbacksService(deps: OutreachDeps) {
  const { db, contacts, audit } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async queue(actor: Actor): Promise<Result<CallbackItem[]>> {
      if (!can(actor, Permission.OutreachCall)) return fail('auth.forbidden');
      const all = can(actor, Permission.OutreachManageAll);
      if (!all && actor.centerId === null) return ok([]);
      const at = now();
      const rows = await contacts.callbacks(db, { staffId: actor.id, centerId: all ? null : actor.centerId, limit: QUEUE_LIMIT });
      return ok(
        rows.map((row) => ({
          contact: openCard(deps.keys, row),
          campaignId: row.campaignId,
          campaignName: row.campaignName,
          dueAt: row.dueAt,
          state: callbackState(row.dueAt, at),
          mine: row.mine,
        })),
      );
    },

    /** Takes a callback into the actor's lease of its campaign, so the calling screen shows it first. */
    async take(actor: Actor, contactId: number): Promise<Result<number>> {
      if (!can(actor, Permission.OutreachCall)) return fail('auth.forbidden');
      const campaignId = Number.isSafeInteger(contactId) ? await contacts.campaignOf(db, contactId) : null;
      if (campaignId === null) return fail('request.notFound');
      const found = await campaignFor(deps, actor, campaignId, 'call');
      if (!found.ok) return found;
      const at = now();
      return db.transaction().execute(async (trx) => {
        const taken = await contacts.takeCallback(trx, {
          contactId,
          campaignId,
          staffId: actor.id,
          now: at,
          expiresAt: new Date(at.getTime() + found.value.leaseHours * 3_600_000),
        });
        if (!taken) return fail('outreach.callbackTaken');
        await audit.append(trx, auditEntry(actor, at, 'outreach.callback.taken', campaignId, { contact: contactId }));
        return ok(campaignId);
      });
    },
  };
}
