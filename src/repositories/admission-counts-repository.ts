import type { Admission } from '../db/schema.ts';
import type { Executor } from './executor.ts';

/** Published statements and their people, per admission class. */
export interface AdmissionCount {
  admission: Admission;
  statements: number;
  people: number;
}

export const admissionCountsRepository = {
  /**
   * Counted as the public total counts (published, not a duplicate), from the counters' per-day rows of
   * the admission dimension, which the status changes keep: a few rows a day, through
   * daily_breakdown_dimension, never a scan of the statements (46 s at 34 million posts).
   */
  async published(db: Executor): Promise<AdmissionCount[]> {
    const rows = await db
      .selectFrom('daily_breakdown')
      .select((eb) => ['key', eb.fn.sum<number>('declarations').as('statements'), eb.fn.sum<number>('people').as('people')])
      .where('dimension', '=', 'admission')
      .groupBy('key')
      .execute();
    return rows.map((row) => ({
      admission: row.key as Admission,
      statements: Number(row.statements ?? 0),
      people: Number(row.people ?? 0),
    }));
  },
};

export type AdmissionCountsRepository = typeof admissionCountsRepository;
