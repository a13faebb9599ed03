import { sql, type ExpressionBuilder } from 'kysely';
import type { RegistrationNumberRef } from '../domain/declaration/registration-number.ts';
import type { Executor } from './executor.ts';

/**
 * Serials never fall below the clock: 100,000 a second since 2026 (9·10^14 serials last 285 years).
 * A database restored from a backup forgets the serials issued after it; without this floor it would
 * issue them again, and their numbers, which declarants already hold, would name other declarations.
 */
const SERIALS_PER_SECOND = 100_000;
const CLOCK_EPOCH_MS = Date.UTC(2026, 0, 1);

export function clockFloor(at: Date): number {
  return Math.max(1, Math.floor(((at.getTime() - CLOCK_EPOCH_MS) / 1000) * SERIALS_PER_SECOND));
}

/** Registration serials (domain/declaration/registration-number.ts): their reservation, and finding a row by number. */
export const registrationSerialsRepository = {
  /**
   * Reserves `count` serials for this process and returns the first: from the next unreserved one, or
   * from the clock's floor if that is higher. One row update, atomic on both engines, so processes
   * never share a serial; serials a process never uses are skipped.
   */
  async reserve(db: Executor, count: number, at: Date = new Date()): Promise<number> {
    const floor = clockFloor(at);
    const row = await db
      .updateTable('registration_serials')
      .set((eb) => ({
        next_serial: eb(eb.case().when('next_serial', '<', floor).then(floor).else(eb.ref('next_serial')).end(), '+', count),
      }))
      .where('id', '=', 1)
      .returning('next_serial')
      .executeTakeFirstOrThrow();
    return Number(row.next_serial) - count;
  },

  /** Moves the next serial above every serial in use, never back (after `db copy` brought rows with theirs). */
  async continueAfterUsed(db: Executor): Promise<void> {
    const row = await db
      .selectFrom('declarations')
      .select((eb) => eb.fn.max('registration_serial').as('max'))
      .executeTakeFirst();
    const highest = Number(row?.max ?? 0);
    await db
      .updateTable('registration_serials')
      .set({ next_serial: highest + 1 })
      .where('id', '=', 1)
      .where('next_serial', '<=', highest)
      .execute();
  },

  /** Which of these numbers were issued before serials existed: a new number must not repeat one of them. */
  async takenWithoutSerial(db: Executor, numbers: readonly string[]): Promise<Set<string>> {
    return new Set((await rowsWithoutSerial(db, numbers, false)).keys());
  },
};

/** Numbers looked up per statement: within both engines' limits on bound values. */
const NUMBERS_PER_LOOKUP = 500;

/**
 * The rows among `numbers` that have no serial (issued before serials, or imported from the old
 * archive), with their legacy id if asked, by the partial index on the number. Written as a join from the list,
 * which SQLite (without statistics) reads number by number through that index: asked as
 * `registration_serial is null and registration_number in (…)`, it walks the serial index through
 * every row without a serial instead, all the imported posts (a second for a million).
 */
export async function rowsWithoutSerial(
  db: Executor,
  numbers: readonly string[],
  withLegacyId: boolean,
): Promise<Map<string, number | null>> {
  // The legacy id only when asked: this runs on registries migrated before there was one (0008's test).
  const legacyId = withLegacyId ? sql`d.legacy_id` : sql`null`;
  const found = new Map<string, number | null>();
  for (let start = 0; start < numbers.length; start += NUMBERS_PER_LOOKUP) {
    const part = numbers.slice(start, start + NUMBERS_PER_LOOKUP);
    const list = sql.join(part.map((number) => sql`(${number})`));
    const { rows } = await sql<{ registration_number: string; legacy_id: number | string | null }>`
      select d.registration_number, ${legacyId} as legacy_id
      from (select column1 as n from (values ${list}) as listed) as v
      cross join declarations d
      where d.registration_number = v.n and d.registration_serial is null`.execute(db);
    for (const row of rows) found.set(row.registration_number, row.legacy_id === null ? null : Number(row.legacy_id));
  }
  return found;
}

/**
 * The row of a registration number, through an index either way: by its serial, or, for a number
 * issued before serials, by its text. The text is compared in both cases, so a number that merely
 * decodes to the serial of another row finds nothing.
 */
export function matchesNumber(ref: RegistrationNumberRef, table: 'declarations' | 'd' = 'declarations') {
  // biome-ignore lint/suspicious/noExplicitAny: Kysely cannot type a table named by a parameter (declarations, or d in a join).
  return (eb: ExpressionBuilder<any, any>) =>
    eb.or([
      eb.and([eb(`${table}.registration_serial`, '=', ref.serial), eb(`${table}.registration_number`, '=', ref.number)]),
      eb.and([eb(`${table}.registration_serial`, 'is', null), eb(`${table}.registration_number`, '=', ref.number)]),
    ]);
}
