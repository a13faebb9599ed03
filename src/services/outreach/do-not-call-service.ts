import { toE164 } from '../../domain/outreach/phone.ts';
import { Permission, can, type Actor } from '../../domain/staff/permissions.ts';
import { fail, ok, type Result } from '../result.ts';
import { auditEntry, phoneHmac, type OutreachDeps } from './outreach-deps.ts';

/**
 * The registry's do-not-call list. Only the number's HMAC is kept, so the list cannot be read
 * back as numbers; a number added leaves every campaign's pool and every lease at once.
 */
export function createDoNotCallService(deps: OutreachDeps) {
  const { db, doNotCall, contacts, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const mayManage = (actor: Actor) => can(actor, Permission.OutreachManageCenter) || can(actor, Permission.OutreachManageAll);

  return {
    async add(actor: Actor, rawPhone: string): Promise<Result<{ added: boolean; suppressed: number }>> {
      if (!mayManage(actor)) return fail('auth.forbidden');
      const phone = toE164(rawPhone);
      if (phone === null) return fail('outreach.phoneInvalid');
      const hmac = phoneHmac(deps.keys, phone);
      const at = now();
      return db.transaction().execute(async (trx) => {
        const added = await doNotCall.add(trx, hmac, at);
        const suppressed = await contacts.suppressNumber(trx, hmac, at);
        // The audit entry names neither the number nor its HMAC: the list is not to be read back.
        await audit.append(trx, auditEntry(actor, at, 'outreach.doNotCall.added', null, { added, suppressed }));
        return ok({ added, suppressed });
      });
    },

    async isListed(actor: Actor, rawPhone: string): Promise<Result<boolean>> {
      if (!mayManage(actor)) return fail('auth.forbidden');
      const phone = toE164(rawPhone);
      if (phone === null) return fail('outreach.phoneInvalid');
      return ok((await doNotCall.listed(db, [phoneHmac(deps.keys, phone)])).size > 0);
    },

    async count(actor: Actor): Promise<Result<number>> {
      if (!mayManage(actor)) return fail('auth.forbidden');
      return ok(await doNotCall.count(db));
    },
  };
}
