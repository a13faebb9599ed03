import type { Admission } from '../db/schema.ts';
import type { Executor } from './executor.ts';

/** Published statements and their people, per admission class. */
export interface AdmissionCount {
  admission: Admission;
  statements: number;
  people: number;
}

export const admissionCountsRepository = {
  /** Counted as the public total counts: published, and not marked a duplicate. */
  async published(db: Executor): Promise<AdmissionCount[]> {
    const rows = await db
      .selectFrom('declarations')
      .select((eb) => ['admission', eb.fn.countAll<number>().as('statements'), eb.fn.sum<number>('headcount').as('people')])
      .where('status', '=', 'published')
      .where('duplicate_of', 'is', null)
      .groupBy('admission')
      .execute();
    return rows.map((row) => ({ admission: row.admission, statements: Number(row.statements), people: Number(row.people ?? 0) }));
  },
};

export type AdmissionCountsRepository = typeof admissionCountsRepository;
