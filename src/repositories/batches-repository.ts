import type { DeclarationStatus } from '../db/schema.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import type { Executor } from './executor.ts';

export interface NewBatch {
  staffId: number;
  centerId: number | null;
  channel: string;
  conversationDate: string;
  consent: string;
  note: string | null;
  at: Date;
}

export interface BatchRecord extends Omit<NewBatch, 'at'> {
  id: number;
  createdAt: Date;
}

/** What the console counts: declarations and the people they speak for. */
export interface Tally {
  declarations: number;
  people: number;
}

export interface OwnTallies {
  today: Tally;
  thisMonth: Tally;
  allTime: Tally;
  pending: number;
}

export interface EntererTallies {
  staffId: number;
  thisMonth: Tally;
  allTime: Tally;
}

/**
 * Entries that count: waiting or published. A rejected or retracted entry is
 * neither a volunteer's result nor a duplicate of a new one.
 */
const COUNTED_STATUSES: readonly DeclarationStatus[] = ['pending', 'published'];
/** How far out of arrival order a row may be committed (see recentByAliasKeys). */
const ARRIVAL_ORDER_MARGIN_MS = 60 * 60 * 1000;

// pg returns sums and counts as strings (bigint); SQLite as numbers; an empty set sums to null.
const toNumber = (value: unknown) => Number(value ?? 0);

/** Batches of entries by volunteers, and what their entries add up to. Declarations are written by repositories/declarations/. */
export const batchesRepository = {
  async insert(db: Executor, batch: NewBatch): Promise<number> {
    const row = await db
      .insertInto('batches')
      .values({
        staff_id: batch.staffId,
        center_id: batch.centerId,
        channel: batch.channel,
        conversation_date: batch.conversationDate,
        consent: batch.consent,
        note: batch.note,
        created_at: toDbTime(batch.at),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async findById(db: Executor, id: number): Promise<BatchRecord | null> {
    const row = await db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      staffId: row.staff_id,
      centerId: row.center_id,
      channel: row.channel,
      conversationDate: row.conversation_date,
      consent: row.consent,
      note: row.note,
      createdAt: fromDbTime(row.created_at),
    };
  },

  /**
   * Counted declarations with one of these alias keys created since `since`. They are read from
   * (alias_key, id desc) above the first id created a little before `since` (by the created_at
   * index), so a common name costs its recent rows only; ids follow arrival, and the margin covers
   * rows committed slightly out of their arrival order. created_at itself then decides.
   */
  async recentByAliasKeys(db: Executor, aliasKeys: readonly string[], since: Date): Promise<{ aliasKey: string; region: string | null }[]> {
    if (aliasKeys.length === 0) return [];
    const firstId = db
      .selectFrom('declarations')
      .select('id')
      .where('created_at', '>=', toDbTime(new Date(since.getTime() - ARRIVAL_ORDER_MARGIN_MS)))
      .orderBy('created_at')
      .limit(1);
    const rows = await db
      .selectFrom('declarations')
      .select(['alias_key', 'region'])
      .where('alias_key', 'in', [...aliasKeys])
      .where('id', '>=', firstId)
      .where('created_at', '>=', toDbTime(since))
      .where('status', 'in', COUNTED_STATUSES)
      .execute();
    return rows.map((row) => ({ aliasKey: row.alias_key ?? '', region: row.region }));
  },

  /** One staff member's counted entries since the start of their day and month, and in all. */
  async tallyOf(db: Executor, staffId: number, bounds: { dayStart: Date; monthStart: Date }): Promise<OwnTallies> {
    const dayStart = toDbTime(bounds.dayStart);
    const monthStart = toDbTime(bounds.monthStart);
    const row = await db
      .selectFrom('declarations')
      .select((eb) => {
        const since = (start: string) => eb.case().when('created_at', '>=', start);
        return [
          eb.fn.countAll().as('all_declarations'),
          eb.fn.sum('headcount').as('all_people'),
          eb.fn.sum(since(dayStart).then(eb.lit(1)).else(eb.lit(0)).end()).as('day_declarations'),
          eb.fn.sum(since(dayStart).then(eb.ref('headcount')).else(eb.lit(0)).end()).as('day_people'),
          eb.fn.sum(since(monthStart).then(eb.lit(1)).else(eb.lit(0)).end()).as('month_declarations'),
          eb.fn.sum(since(monthStart).then(eb.ref('headcount')).else(eb.lit(0)).end()).as('month_people'),
          eb.fn.sum(eb.case().when('status', '=', 'pending').then(eb.lit(1)).else(eb.lit(0)).end()).as('pending'),
        ];
      })
      .where('entered_by', '=', staffId)
      .where('status', 'in', COUNTED_STATUSES)
      .executeTakeFirstOrThrow();
    return {
      today: { declarations: toNumber(row.day_declarations), people: toNumber(row.day_people) },
      thisMonth: { declarations: toNumber(row.month_declarations), people: toNumber(row.month_people) },
      allTime: { declarations: toNumber(row.all_declarations), people: toNumber(row.all_people) },
      pending: toNumber(row.pending),
    };
  },

  /** Counted entries per staff member, made for one center (or for any, with `centerId: null`). */
  async tallyByEnterer(db: Executor, scope: { centerId: number | null }, monthStart: Date): Promise<EntererTallies[]> {
    const start = toDbTime(monthStart);
    let query = db
      .selectFrom('declarations')
      .select((eb) => {
        const thisMonth = () => eb.case().when('created_at', '>=', start);
        return [
          'entered_by',
          eb.fn.countAll().as('all_declarations'),
          eb.fn.sum('headcount').as('all_people'),
          eb.fn.sum(thisMonth().then(eb.lit(1)).else(eb.lit(0)).end()).as('month_declarations'),
          eb.fn.sum(thisMonth().then(eb.ref('headcount')).else(eb.lit(0)).end()).as('month_people'),
        ];
      })
      .where('entered_by', 'is not', null)
      .where('status', 'in', COUNTED_STATUSES)
      .groupBy('entered_by');
    if (scope.centerId !== null) query = query.where('center_id', '=', scope.centerId);
    const rows = await query.execute();
    return rows.map((row) => ({
      staffId: row.entered_by!,
      thisMonth: { declarations: toNumber(row.month_declarations), people: toNumber(row.month_people) },
      allTime: { declarations: toNumber(row.all_declarations), people: toNumber(row.all_people) },
    }));
  },
};

export type BatchesRepository = typeof batchesRepository;
