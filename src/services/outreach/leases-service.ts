import { Permission, can, type Actor } from '../../domain/staff/permissions.ts';
import { actorOf } from '../staff-auth-service.ts';
import { fail, ok, type Result } from '../result.ts';
import { auditEntry, campaignFor, openCard, type ContactCard, type OutreachDeps } from './outreach-deps.ts';

export interface Lease {
  campaignId: number;
  /** What this call took (0 when the pool is empty or the lease was full). */
  taken: number;
  contacts: ContactCard[];
}

/**
 * Leases of a campaign's contacts: a volunteer holds at most the campaign's lease size, for its
 * lease hours, after which the contacts are free again without anyone returning them. Center
 * admins assign contacts to a member of their center and release what a member holds.
 */
export function createLeasesService(deps: OutreachDeps) {
  const { db, contacts, staff, audit } = deps;
  const now = deps.now ?? (() => new Date());

  async function leaseFor(
    actor: Actor,
    campaignId: number,
    holderId: number,
    requested: number | undefined,
    action: string,
  ): Promise<Result<Lease>> {
    const found = await campaignFor(deps, actor, campaignId, holderId === actor.id ? 'call' : 'manage');
    if (!found.ok) return found;
    const campaign = found.value;
    const at = now();
    return db.transaction().execute(async (trx) => {
      const held = await contacts.held(trx, campaignId, holderId, at);
      const wanted = Math.min(requested ?? campaign.leaseSize, campaign.leaseSize - held.length);
      const taken =
        wanted > 0
          ? await contacts.lease(trx, {
              campaignId,
              staffId: holderId,
              count: wanted,
              now: at,
              expiresAt: new Date(at.getTime() + campaign.leaseHours * 3_600_000),
            })
          : [];
      if (taken.length > 0)
        await audit.append(trx, auditEntry(actor, at, action, campaignId, { holder: holderId, contacts: taken.length }));
      const holding = await contacts.held(trx, campaignId, holderId, at);
      return ok({ campaignId, taken: taken.length, contacts: holding.map((contact) => openCard(deps.keys, contact)) });
    });
  }

  async function releaseFor(actor: Actor, campaignId: number, holderId: number, action: string): Promise<Result<number>> {
    const found = await campaignFor(deps, actor, campaignId, holderId === actor.id ? 'call' : 'manage');
    if (!found.ok) return found;
    const at = now();
    return db.transaction().execute(async (trx) => {
      const released = await contacts.release(trx, campaignId, holderId, at);
      if (released > 0) await audit.append(trx, auditEntry(actor, at, action, campaignId, { holder: holderId, contacts: released }));
      return ok(released);
    });
  }

  return {
    /** Takes up to `count` (the campaign's lease size by default) of the pool, never more than a full lease in all. */
    take: (actor: Actor, campaignId: number, count?: number) => leaseFor(actor, campaignId, actor.id, count, 'outreach.lease.taken'),

    release: (actor: Actor, campaignId: number) => releaseFor(actor, campaignId, actor.id, 'outreach.lease.released'),

    async held(actor: Actor, campaignId: number): Promise<Result<ContactCard[]>> {
      const found = await campaignFor(deps, actor, campaignId, 'call');
      if (!found.ok) return found;
      return ok((await contacts.held(db, campaignId, actor.id, now())).map((contact) => openCard(deps.keys, contact)));
    },

    /** A center admin gives contacts to an active member of the campaign's center who may call. */
    async assign(actor: Actor, campaignId: number, memberId: number, count?: number): Promise<Result<Lease>> {
      const found = await campaignFor(deps, actor, campaignId, 'manage');
      if (!found.ok) return found;
      const member = Number.isSafeInteger(memberId) ? await staff.findById(db, memberId) : null;
      if (!member?.active || member.centerId !== found.value.centerId || !can(actorOf(member), Permission.OutreachCall)) {
        return fail('outreach.staffInvalid');
      }
      return leaseFor(actor, campaignId, memberId, count, 'outreach.lease.assigned');
    },

    async releaseMember(actor: Actor, campaignId: number, memberId: number): Promise<Result<number>> {
      const found = await campaignFor(deps, actor, campaignId, 'manage');
      if (!found.ok) return found;
      return releaseFor(actor, campaignId, memberId, 'outreach.lease.revoked');
    },
  };
}
