import { toDbTime } from '../../db/time.ts';
import type { Outcome } from '../../domain/outreach/outcomes.ts';
import type { Executor } from '../executor.ts';

/** The record of each call: its outcome and the script's answers, apart from the contact's state. */
export const attemptsRepository = {
  async insert(
    db: Executor,
    attempt: {
      contactId: number;
      campaignId: number;
      staffId: number;
      outcome: Outcome;
      scriptVersion: number | null;
      answers: Record<string, string>;
      callbackAt: Date | null;
      at: Date;
    },
  ): Promise<number> {
    const row = await db
      .insertInto('outreach_attempts')
      .values({
        contact_id: attempt.contactId,
        campaign_id: attempt.campaignId,
        staff_id: attempt.staffId,
        outcome: attempt.outcome,
        script_version: attempt.scriptVersion,
        answers: JSON.stringify(attempt.answers),
        callback_at: attempt.callbackAt === null ? null : toDbTime(attempt.callbackAt),
        created_at: toDbTime(attempt.at),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
};

export type AttemptsRepository = typeof attemptsRepository;
