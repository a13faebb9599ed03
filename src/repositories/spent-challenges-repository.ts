import { toDbTime } from '../db/time.ts';
import type { Executor } from './executor.ts';

/** Proof-of-work challenges already used (migration 0025): one submission per challenge, on every server. */
export const spentChallengesRepository = {
  /** Marks a challenge spent; false if it was already, here or in another process. */
  async spend(db: Executor, id: string, expiresAt: Date): Promise<boolean> {
    const inserted = await db
      .insertInto('spent_challenges')
      .values({ id, expires_at: toDbTime(expiresAt) })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  },

  /** Drops rows whose challenges are refused as expired anyway. */
  async purgeExpired(db: Executor, at: Date): Promise<void> {
    await db.deleteFrom('spent_challenges').where('expires_at', '<', toDbTime(at)).execute();
  },
};

export type SpentChallengesRepository = typeof spentChallengesRepository;
