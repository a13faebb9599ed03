import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AdmissionCount, AdmissionCountsRepository } from '../../repositories/admission-counts-repository.ts';

export type { AdmissionCount };

/** How long the counts per class are kept: they move slowly, and reading them sums every day's counter rows. */
const KEEP_MS = 5 * 60 * 1000;

/** The order the classes are shown in, and every one of them even when none is published yet. */
const ADMISSION_ORDER = ['public', 'unproven', 'volunteer', 'trusted', 'imported'] as const;

/**
 * The published count per admission class (docs/security.md, "Admission classes"): who may weigh
 * the total by how its statements came in. Read from the counters' admission rows at most every
 * five minutes per process, one read at a time.
 */
export function createAdmissionCounts({
  db,
  counts,
  clock,
}: {
  db: Kysely<Database>;
  counts: AdmissionCountsRepository;
  clock: () => number;
}) {
  let kept: { at: number; value: AdmissionCount[] } | null = null;
  let reading: Promise<AdmissionCount[]> | null = null;

  async function read(): Promise<AdmissionCount[]> {
    const found = new Map((await counts.published(db)).map((row) => [row.admission, row]));
    const value = ADMISSION_ORDER.map((admission) => found.get(admission) ?? { admission, statements: 0, people: 0 });
    kept = { at: clock(), value };
    return value;
  }

  return {
    async current(): Promise<AdmissionCount[]> {
      if (kept && clock() - kept.at < KEEP_MS) return kept.value;
      reading ??= read().finally(() => {
        reading = null;
      });
      return reading;
    },
  };
}

export type AdmissionCounts = ReturnType<typeof createAdmissionCounts>;
