import { toDbTime } from '../../db/time.ts';
import type { Executor } from '../executor.ts';

/** Who chose to appear on their center's leaderboard (opt-in: nobody is on it by default). */
export const leaderboardRepository = {
  async set(db: Executor, staffId: number, on: boolean, at: Date): Promise<void> {
    if (on) {
      await db
        .insertInto('outreach_leaderboard')
        .values({ staff_id: staffId, created_at: toDbTime(at) })
        .onConflict((conflict) => conflict.column('staff_id').doNothing())
        .execute();
    } else {
      await db.deleteFrom('outreach_leaderboard').where('staff_id', '=', staffId).execute();
    }
  },

  /** Which of these staff chose to appear. */
  async optedIn(db: Executor, staffIds: readonly number[]): Promise<Set<number>> {
    if (staffIds.length === 0) return new Set();
    const rows = await db.selectFrom('outreach_leaderboard').select('staff_id').where('staff_id', 'in', staffIds).execute();
    return new Set(rows.map((row) => row.staff_id));
  },
};

export type LeaderboardRepository = typeof leaderboardRepository;
