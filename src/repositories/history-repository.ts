import type { Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import { toDbTime } from '../db/time.ts';
import type { PeopleFigures } from '../domain/history/carried-over.ts';
import type { LegacyDay } from '../domain/history/legacy-totals-csv.ts';
import type { Executor } from './executor.ts';
import { enqueueCarriedChanges } from './log/log-queue.ts';

/** A legacy day as stored: the old site's figures and what the day carries over. */
export interface StoredLegacyDay extends LegacyDay {
  carried: PeopleFigures;
}

export interface CarriedDay extends PeopleFigures {
  day: string;
}

const num = (value: unknown) => Number(value ?? 0);
const orNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));
/** Rows per statement: well under either engine's limit on bound values. */
const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function storedDay(row: Selectable<Database['legacy_days']>): StoredLegacyDay {
  return {
    day: row.day,
    people: num(row.people),
    posts: orNull(row.posts),
    party: orNull(row.party),
    league: orNull(row.league),
    pioneers: orNull(row.pioneers),
    source: row.source,
    carried: {
      people: num(row.carried_people),
      party: num(row.carried_party),
      league: num(row.carried_league),
      pioneers: num(row.carried_pioneers),
    },
  };
}

const CARRIED_SUMS = ['carried_people', 'carried_party', 'carried_league', 'carried_pioneers'] as const;

/**
 * The previous registry's history (docs/history.md): its day totals (`legacy_days`), the people of
 * the posts imported per day (`imported_days`) and the sum of what the days carry over
 * (`carried_totals`, one row, so the counter never adds up the days to show a total).
 */
export const historyRepository = {
  /** The stored days among `days`. */
  async legacyDays(db: Executor, days: readonly string[]): Promise<Map<string, StoredLegacyDay>> {
    const found = new Map<string, StoredLegacyDay>();
    for (const part of chunks(days)) {
      const rows = await db.selectFrom('legacy_days').selectAll().where('day', 'in', part).execute();
      for (const row of rows) found.set(row.day, storedDay(row));
    }
    return found;
  },

  /** Every stored legacy day, oldest first: what reconciliation checks. */
  async allLegacyDays(db: Executor): Promise<StoredLegacyDay[]> {
    const rows = await db.selectFrom('legacy_days').selectAll().orderBy('day').execute();
    return rows.map(storedDay);
  },

  /** The people of the imported posts on each of `days` that has any. */
  async importedDays(db: Executor, days: readonly string[]): Promise<Map<string, PeopleFigures>> {
    const found = new Map<string, PeopleFigures>();
    for (const part of chunks(days)) {
      const rows = await db.selectFrom('imported_days').selectAll().where('day', 'in', part).execute();
      for (const row of rows)
        found.set(row.day, { people: num(row.people), party: num(row.party), league: num(row.league), pioneers: num(row.pioneers) });
    }
    return found;
  },

  /** Adds the people of newly imported statements to their days (in the transaction that writes them). */
  async addImportedDays(trx: Executor, added: ReadonlyMap<string, PeopleFigures>): Promise<void> {
    for (const part of chunks([...added])) {
      await trx
        .insertInto('imported_days')
        .values(part.map(([day, figures]) => ({ day, ...figures })))
        .onConflict((conflict) =>
          conflict.column('day').doUpdateSet((eb) => ({
            people: eb('imported_days.people', '+', eb.ref('excluded.people')),
            party: eb('imported_days.party', '+', eb.ref('excluded.party')),
            league: eb('imported_days.league', '+', eb.ref('excluded.league')),
            pioneers: eb('imported_days.pioneers', '+', eb.ref('excluded.pioneers')),
          })),
        )
        .execute();
    }
  },

  /**
   * Each day's imported people as the statements say: every statement imported from the old archive,
   * whatever became of it since (a retracted one leaves the total, it does not go back to carried over).
   */
  async recomputeImportedDays(db: Executor): Promise<Map<string, PeopleFigures>> {
    const rows = await db
      .selectFrom('declarations')
      .select((eb) => [
        'counted_day',
        eb.fn.sum<number>('headcount').as('people'),
        eb.fn.sum<number>(eb('headcount', '*', eb.ref('party'))).as('party'),
        eb.fn.sum<number>(eb('headcount', '*', eb.ref('league'))).as('league'),
        eb.fn.sum<number>(eb('headcount', '*', eb.ref('pioneers'))).as('pioneers'),
      ])
      .where('admission', '=', 'imported')
      .where('counted_day', 'is not', null)
      .groupBy('counted_day')
      .execute();
    return new Map(
      rows.map((row) => [
        row.counted_day!,
        { people: num(row.people), party: num(row.party), league: num(row.league), pioneers: num(row.pioneers) },
      ]),
    );
  },

  /** Sets imported_days to these figures, and nothing else (reconciliation's repair, and db copy). */
  async replaceImportedDays(trx: Executor, days: ReadonlyMap<string, PeopleFigures>): Promise<void> {
    await trx.deleteFrom('imported_days').execute();
    for (const part of chunks([...days])) {
      await trx
        .insertInto('imported_days')
        .values(part.map(([day, figures]) => ({ day, ...figures })))
        .execute();
    }
  },

  /** Every day's imported people as stored. */
  async allImportedDays(db: Executor): Promise<Map<string, PeopleFigures>> {
    const rows = await db.selectFrom('imported_days').selectAll().execute();
    return new Map(
      rows.map((row) => [
        row.day,
        { people: num(row.people), party: num(row.party), league: num(row.league), pioneers: num(row.pioneers) },
      ]),
    );
  },

  /** How far an import of posts got in a file, or null if none began. */
  async postImport(db: Executor, fileKey: string) {
    const row = await db.selectFrom('history_post_imports').selectAll().where('file_key', '=', fileKey).executeTakeFirst();
    if (!row) return null;
    return {
      bytesDone: num(row.bytes_done),
      linesDone: num(row.lines_done),
      written: num(row.written),
      alreadyHeld: num(row.already_held),
      rejected: num(row.rejected),
      finished: row.finished_at !== null,
    };
  },

  /** Records how far an import of posts got, in the transaction of the batch that got it there. */
  async savePostImport(
    trx: Executor,
    progress: {
      fileKey: string;
      fileName: string;
      bytesDone: number;
      linesDone: number;
      written: number;
      alreadyHeld: number;
      rejected: number;
      finished: boolean;
    },
    at: Date,
  ): Promise<void> {
    const values = {
      file_name: progress.fileName,
      bytes_done: progress.bytesDone,
      lines_done: progress.linesDone,
      written: progress.written,
      already_held: progress.alreadyHeld,
      rejected: progress.rejected,
      updated_at: toDbTime(at),
      finished_at: progress.finished ? toDbTime(at) : null,
    };
    await trx
      .insertInto('history_post_imports')
      .values({ file_key: progress.fileKey, started_at: toDbTime(at), ...values })
      .onConflict((conflict) => conflict.column('file_key').doUpdateSet(values))
      .execute();
  },

  /** Adds or replaces days, each with the figures it carries over, and queues them for the log. */
  async saveLegacyDays(trx: Executor, days: readonly StoredLegacyDay[], at: Date): Promise<void> {
    await enqueueCarriedChanges(
      trx,
      days.map((day) => day.day),
    );
    for (const part of chunks(days)) {
      await trx
        .insertInto('legacy_days')
        .values(
          part.map((day) => ({
            day: day.day,
            people: day.people,
            posts: day.posts,
            party: day.party,
            league: day.league,
            pioneers: day.pioneers,
            source: day.source,
            imported_at: toDbTime(at),
            carried_people: day.carried.people,
            carried_party: day.carried.party,
            carried_league: day.carried.league,
            carried_pioneers: day.carried.pioneers,
          })),
        )
        .onConflict((conflict) =>
          conflict.column('day').doUpdateSet((eb) => ({
            people: eb.ref('excluded.people'),
            posts: eb.ref('excluded.posts'),
            party: eb.ref('excluded.party'),
            league: eb.ref('excluded.league'),
            pioneers: eb.ref('excluded.pioneers'),
            source: eb.ref('excluded.source'),
            imported_at: eb.ref('excluded.imported_at'),
            carried_people: eb.ref('excluded.carried_people'),
            carried_party: eb.ref('excluded.carried_party'),
            carried_league: eb.ref('excluded.carried_league'),
            carried_pioneers: eb.ref('excluded.carried_pioneers'),
          })),
        )
        .execute();
    }
  },

  /** Sets what days carry over (imported posts moved people to held here, or reconciliation's repair), and queues them for the log. */
  async setCarried(trx: Executor, days: readonly { day: string; carried: PeopleFigures }[]): Promise<void> {
    await enqueueCarriedChanges(
      trx,
      days.map((entry) => entry.day),
    );
    for (const { day, carried } of days) {
      await trx
        .updateTable('legacy_days')
        .set({
          carried_people: carried.people,
          carried_party: carried.party,
          carried_league: carried.league,
          carried_pioneers: carried.pioneers,
        })
        .where('day', '=', day)
        .execute();
    }
  },

  /** Moves the carried-over totals by a difference, in the transaction that changed the days. */
  async addToCarriedTotals(trx: Executor, delta: PeopleFigures & { days: number }, at: Date): Promise<void> {
    await trx
      .updateTable('carried_totals')
      .set((eb) => ({
        days: eb('days', '+', delta.days),
        people: eb('people', '+', delta.people),
        party: eb('party', '+', delta.party),
        league: eb('league', '+', delta.league),
        pioneers: eb('pioneers', '+', delta.pioneers),
        updated_at: toDbTime(at),
      }))
      .where('id', '=', 1)
      .execute();
  },

  /** Sets the carried-over totals (reconciliation's repair). */
  async setCarriedTotals(trx: Executor, totals: PeopleFigures & { days: number }, at: Date): Promise<void> {
    await trx
      .updateTable('carried_totals')
      .set({ ...totals, updated_at: toDbTime(at) })
      .where('id', '=', 1)
      .execute();
  },

  async carriedTotals(db: Executor): Promise<PeopleFigures & { days: number; updatedAt: string | Date }> {
    const row = await db.selectFrom('carried_totals').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    return {
      days: num(row.days),
      people: num(row.people),
      party: num(row.party),
      league: num(row.league),
      pioneers: num(row.pioneers),
      updatedAt: row.updated_at,
    };
  },

  /** What the days of [from, to] carry over, one row per stored day, oldest first. */
  async carriedDays(db: Executor, from: string, to: string): Promise<CarriedDay[]> {
    const rows = await db
      .selectFrom('legacy_days')
      .select(['day', ...CARRIED_SUMS])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('day')
      .execute();
    return rows.map((row) => ({
      day: row.day,
      people: num(row.carried_people),
      party: num(row.carried_party),
      league: num(row.carried_league),
      pioneers: num(row.carried_pioneers),
    }));
  },
};

export type HistoryRepository = typeof historyRepository;
