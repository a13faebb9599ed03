import { sql } from 'kysely';
import { fromDbTime, toDbTime } from '../../db/time.ts';
import { CONTACT_STATUSES, statusesBefore, type ContactStatus } from '../../domain/outreach/contact-status.ts';
import type { Executor } from '../executor.ts';

/** A contact as stored: the sealed fields stay sealed here; the service opens them. */
export interface SealedContact {
  id: number;
  campaignId: number;
  phoneHmac: string | null;
  phoneSealed: string | null;
  detailsSealed: string | null;
  timeZone: string;
  status: ContactStatus;
  attempts: number;
}

export interface NewContact {
  phoneHmac: string;
  phoneSealed: string;
  detailsSealed: string | null;
  timeZone: string;
}

/** How many rounds a lease takes candidates again after others took the ones it chose. */
const LEASE_ROUNDS = 5;

const SEALED_COLUMNS = ['id', 'campaign_id', 'phone_hmac', 'phone_sealed', 'details_sealed', 'time_zone', 'status', 'attempts'] as const;

type SealedRow = {
  [K in (typeof SEALED_COLUMNS)[number]]: K extends 'id' | 'campaign_id' | 'attempts'
    ? number
    : K extends 'status'
      ? ContactStatus
      : K extends 'time_zone'
        ? string
        : string | null;
};

function toSealed(row: SealedRow): SealedContact {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    phoneHmac: row.phone_hmac,
    phoneSealed: row.phone_sealed,
    detailsSealed: row.details_sealed,
    timeZone: row.time_zone,
    status: row.status,
    attempts: row.attempts,
  };
}

export const contactsRepository = {
  /** Whether any number is sealed under the contact key here (composition's key check). */
  async anySealed(db: Executor): Promise<boolean> {
    return (
      (await db.selectFrom('outreach_contacts').select('id').where('phone_sealed', 'is not', null).limit(1).executeTakeFirst()) !==
      undefined
    );
  },

  /**
   * Stages rows of an import; a number already in the campaign (staged, confirmed or earlier in
   * this file) is left out by the unique (campaign, HMAC). Returns how many rows were inserted.
   */
  async insertStaged(db: Executor, campaignId: number, importId: number, contacts: readonly NewContact[], at: Date): Promise<number> {
    if (contacts.length === 0) return 0;
    const time = toDbTime(at);
    const inserted = await db
      .insertInto('outreach_contacts')
      .values(
        contacts.map((contact) => ({
          campaign_id: campaignId,
          import_id: importId,
          phone_hmac: contact.phoneHmac,
          phone_sealed: contact.phoneSealed,
          details_sealed: contact.detailsSealed,
          time_zone: contact.timeZone,
          status: 'staged' as const,
          created_at: time,
          updated_at: time,
        })),
      )
      .onConflict((conflict) => conflict.columns(['campaign_id', 'phone_hmac']).doNothing())
      .returning('id')
      .execute();
    return inserted.length;
  },

  /** An import's staged rows join the pool: one statement, however many rows. */
  async openImport(db: Executor, importId: number, at: Date): Promise<number> {
    const result = await db
      .updateTable('outreach_contacts')
      .set({ status: 'open', updated_at: toDbTime(at) })
      .where('import_id', '=', importId)
      .where('status', '=', 'staged')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  async deleteStaged(db: Executor, importId: number): Promise<number> {
    const result = await db
      .deleteFrom('outreach_contacts')
      .where('import_id', '=', importId)
      .where('status', '=', 'staged')
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  async firstOfImport(db: Executor, importId: number, limit: number): Promise<SealedContact[]> {
    const rows = await db
      .selectFrom('outreach_contacts')
      .select(SEALED_COLUMNS)
      .where('import_id', '=', importId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toSealed);
  },

  /**
   * Gives `staffId` up to `count` free contacts of the campaign's pool: open, due, held by nobody
   * (or by a lease that has expired) and not on the do-not-call list. The UPDATE repeats the
   * "held by nobody" test, so on PostgreSQL a contact another taker locked and took first is
   * re-checked after their commit and skipped; SQLite runs one writer at a time. Returns the ids taken.
   */
  async lease(db: Executor, lease: { campaignId: number; staffId: number; count: number; now: Date; expiresAt: Date }): Promise<number[]> {
    const now = toDbTime(lease.now);
    const taken: number[] = [];
    for (let round = 0; round < LEASE_ROUNDS && taken.length < lease.count; round++) {
      const wanted = lease.count - taken.length;
      const candidates = await db
        .selectFrom('outreach_contacts as c')
        .select('c.id')
        .where('c.campaign_id', '=', lease.campaignId)
        .where('c.status', '=', 'open')
        .where('c.phone_sealed', 'is not', null)
        .where((eb) => eb.or([eb('c.next_attempt_at', 'is', null), eb('c.next_attempt_at', '<=', now)]))
        .where((eb) => eb.or([eb('c.leased_to', 'is', null), eb('c.lease_expires_at', '<=', now)]))
        .where((eb) =>
          eb.not(
            eb.exists(eb.selectFrom('outreach_do_not_call as d').select('d.phone_hmac').whereRef('d.phone_hmac', '=', 'c.phone_hmac')),
          ),
        )
        .orderBy('c.id')
        .limit(wanted)
        .execute();
      if (candidates.length === 0) break;
      const updated = await db
        .updateTable('outreach_contacts')
        .set({ leased_to: lease.staffId, lease_expires_at: toDbTime(lease.expiresAt), updated_at: now })
        .where(
          'id',
          'in',
          candidates.map((row) => row.id),
        )
        .where('status', '=', 'open')
        .where((eb) => eb.or([eb('leased_to', 'is', null), eb('lease_expires_at', '<=', now)]))
        .returning('id')
        .execute();
      taken.push(...updated.map((row) => row.id));
      // Everything chosen was free: the pool has no more.
      if (updated.length === candidates.length && candidates.length < wanted) break;
    }
    return taken;
  },

  /** The contacts `staffId` holds in the campaign now, callbacks first (by their time), then the rest in order. */
  async held(db: Executor, campaignId: number, staffId: number, now: Date): Promise<SealedContact[]> {
    const rows = await db
      .selectFrom('outreach_contacts')
      .select(SEALED_COLUMNS)
      .where('leased_to', '=', staffId)
      .where('campaign_id', '=', campaignId)
      .where('lease_expires_at', '>', toDbTime(now))
      .where('status', 'in', ['open', 'callback'])
      .orderBy(sql`case when status = 'callback' then 0 else 1 end`)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .execute();
    return rows.map(toSealed);
  },

  /** One contact `staffId` holds now, or null. */
  async heldOne(db: Executor, campaignId: number, contactId: number, staffId: number, now: Date): Promise<SealedContact | null> {
    const row = await db
      .selectFrom('outreach_contacts')
      .select(SEALED_COLUMNS)
      .where('id', '=', contactId)
      .where('campaign_id', '=', campaignId)
      .where('leased_to', '=', staffId)
      .where('lease_expires_at', '>', toDbTime(now))
      .where('status', 'in', ['open', 'callback'])
      .executeTakeFirst();
    return row ? toSealed(row) : null;
  },

  /**
   * A call's consequence, applied only if `staffId` still holds the contact and its status may
   * move there: the contact leaves the lease, counts the attempt and is due again when it says.
   */
  async applyAttempt(
    db: Executor,
    attempt: {
      contactId: number;
      staffId: number;
      now: Date;
      status: ContactStatus;
      nextAttemptAt: Date | null;
      callbackFor: number | null;
    },
  ): Promise<boolean> {
    const now = toDbTime(attempt.now);
    const result = await db
      .updateTable('outreach_contacts')
      .set((eb) => ({
        status: attempt.status,
        attempts: eb('attempts', '+', 1),
        next_attempt_at: attempt.nextAttemptAt === null ? null : toDbTime(attempt.nextAttemptAt),
        callback_for: attempt.callbackFor,
        leased_to: null,
        lease_expires_at: null,
        updated_at: now,
      }))
      .where('id', '=', attempt.contactId)
      .where('leased_to', '=', attempt.staffId)
      .where('lease_expires_at', '>', now)
      .where('status', 'in', statusesBefore(attempt.status))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /**
   * Scheduled callbacks: those for `staffId`, and those for anyone at a center (all centers when
   * `centerId` is null), soonest first. Purged contacts have nothing to call and are left out.
   */
  async callbacks(
    db: Executor,
    filter: { staffId: number; centerId: number | null; limit: number },
  ): Promise<(SealedContact & { dueAt: Date; mine: boolean; campaignName: string })[]> {
    const rows = await db
      .selectFrom('outreach_contacts as c')
      .innerJoin('outreach_campaigns as k', 'k.id', 'c.campaign_id')
      .select(SEALED_COLUMNS.map((column) => `c.${column}` as const))
      .select(['c.next_attempt_at', 'c.callback_for', 'k.name as campaign_name'])
      .where('c.status', '=', 'callback')
      .where('c.phone_sealed', 'is not', null)
      .where((eb) => {
        const forCenter =
          filter.centerId === null
            ? eb('c.callback_for', 'is', null)
            : eb.and([eb('c.callback_for', 'is', null), eb('k.center_id', '=', filter.centerId)]);
        return eb.or([eb('c.callback_for', '=', filter.staffId), forCenter]);
      })
      .orderBy('c.next_attempt_at')
      .limit(filter.limit)
      .execute();
    return rows.map((row) => ({
      ...toSealed(row),
      dueAt: fromDbTime(row.next_attempt_at!),
      mine: row.callback_for === filter.staffId,
      campaignName: row.campaign_name,
    }));
  },

  /** The campaign a contact belongs to, or null. */
  async campaignOf(db: Executor, contactId: number): Promise<number | null> {
    const row = await db.selectFrom('outreach_contacts').select('campaign_id').where('id', '=', contactId).executeTakeFirst();
    return row?.campaign_id ?? null;
  },

  /** Takes a callback into `staffId`'s lease, if it is theirs or the center's and nobody else holds it. */
  async takeCallback(
    db: Executor,
    take: { contactId: number; campaignId: number; staffId: number; now: Date; expiresAt: Date },
  ): Promise<boolean> {
    const now = toDbTime(take.now);
    const result = await db
      .updateTable('outreach_contacts')
      .set({ leased_to: take.staffId, lease_expires_at: toDbTime(take.expiresAt), updated_at: now })
      .where('id', '=', take.contactId)
      .where('campaign_id', '=', take.campaignId)
      .where('status', '=', 'callback')
      .where('phone_sealed', 'is not', null)
      .where((eb) => eb.or([eb('callback_for', '=', take.staffId), eb('callback_for', 'is', null)]))
      .where((eb) => eb.or([eb('leased_to', 'is', null), eb('leased_to', '=', take.staffId), eb('lease_expires_at', '<=', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Gives back what `staffId` holds in the campaign (an expired lease is free already); the contacts return to the pool as they were. */
  async release(db: Executor, campaignId: number, staffId: number, at: Date): Promise<number> {
    const result = await db
      .updateTable('outreach_contacts')
      .set({ leased_to: null, lease_expires_at: null, updated_at: toDbTime(at) })
      .where('leased_to', '=', staffId)
      .where('campaign_id', '=', campaignId)
      .where('lease_expires_at', '>', toDbTime(at))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  /** A number put on the do-not-call list leaves every campaign's pool and every lease at once. */
  async suppressNumber(db: Executor, phoneHmac: string, at: Date): Promise<number> {
    const result = await db
      .updateTable('outreach_contacts')
      .set({ status: 'suppressed', leased_to: null, lease_expires_at: null, updated_at: toDbTime(at) })
      .where('phone_hmac', '=', phoneHmac)
      .where('status', 'in', statusesBefore('suppressed'))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  /**
   * Retention: every identifying field of a campaign's contacts, the number's HMAC included, is
   * emptied; statuses and attempts (the figures) stay. Staged rows of an unfinished import go too.
   */
  async purgeCampaign(db: Executor, campaignId: number, at: Date): Promise<number> {
    await db.deleteFrom('outreach_contacts').where('campaign_id', '=', campaignId).where('status', '=', 'staged').execute();
    const result = await db
      .updateTable('outreach_contacts')
      .set({
        phone_hmac: null,
        phone_sealed: null,
        details_sealed: null,
        leased_to: null,
        lease_expires_at: null,
        updated_at: toDbTime(at),
      })
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  async countsByStatus(db: Executor, campaignId: number): Promise<Record<ContactStatus, number>> {
    const rows = await db
      .selectFrom('outreach_contacts')
      .select(['status', sql<number>`count(*)`.as('n')])
      .where('campaign_id', '=', campaignId)
      .groupBy('status')
      .execute();
    const counts = Object.fromEntries(CONTACT_STATUSES.map((status) => [status, 0])) as Record<ContactStatus, number>;
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  },
};

export type ContactsRepository = typeof contactsRepository;
