import { toDbTime } from '../../db/time.ts';
import { sql } from 'kysely';
import { OUTCOMES, REACHED_OUTCOMES, type Outcome } from '../../domain/outreach/outcomes.ts';
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
      /** The day of `at` in the campaign's zone. */
      day: string;
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
        day: attempt.day,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  /** The center of the campaign of a call that is `staffId`'s and ended "declared"; null for any other call. */
  async declaredCallCenter(db: Executor, call: { attemptId: number; staffId: number }): Promise<{ id: number; name: string } | null> {
    const row = await db
      .selectFrom('outreach_attempts')
      .innerJoin('outreach_campaigns', 'outreach_campaigns.id', 'outreach_attempts.campaign_id')
      .innerJoin('centers', 'centers.id', 'outreach_campaigns.center_id')
      .select(['centers.id', 'centers.name'])
      .where('outreach_attempts.id', '=', call.attemptId)
      .where('outreach_attempts.staff_id', '=', call.staffId)
      .where('outreach_attempts.outcome', '=', 'declared')
      .executeTakeFirst();
    return row ?? null;
  },

  /**
   * Links the declarations entered for a call to it, if the call is `staffId`'s and ended
   * "declared"; false (nothing linked) otherwise.
   */
  async linkDeclarations(db: Executor, link: { attemptId: number; staffId: number; declarationIds: readonly number[] }): Promise<boolean> {
    const attempt = await db
      .selectFrom('outreach_attempts')
      .select('id')
      .where('id', '=', link.attemptId)
      .where('staff_id', '=', link.staffId)
      .where('outcome', '=', 'declared')
      .executeTakeFirst();
    if (!attempt) return false;
    if (link.declarationIds.length === 0) return true;
    await db
      .insertInto('outreach_attempt_declarations')
      .values(link.declarationIds.map((declarationId) => ({ attempt_id: link.attemptId, declaration_id: declarationId })))
      .onConflict((conflict) => conflict.columns(['attempt_id', 'declaration_id']).doNothing())
      .execute();
    return true;
  },

  /**
   * Calls, people reached and people who declared, per caller: one caller's per campaign, or
   * every caller's of a center's campaigns (all centers when `centerId` is null).
   */
  async figuresByCaller(
    db: Executor,
    filter: { staffId: number; perCampaign: true } | { centerId: number | null; perCampaign: false },
  ): Promise<CallerFigures[]> {
    let query = db
      .selectFrom('outreach_attempts as a')
      .innerJoin('outreach_campaigns as k', 'k.id', 'a.campaign_id')
      .select([
        'a.staff_id',
        sql<number>`count(*)`.as('attempts'),
        sql<number>`count(distinct case when a.outcome in (${sql.join(REACHED_OUTCOMES)}) then a.contact_id end)`.as('reached'),
        sql<number>`count(distinct case when a.outcome = 'declared' then a.contact_id end)`.as('declared'),
      ]);
    if (filter.perCampaign) {
      const rows = await query
        .select('a.campaign_id')
        .where('a.staff_id', '=', filter.staffId)
        .groupBy(['a.staff_id', 'a.campaign_id'])
        .orderBy('a.campaign_id', 'desc')
        .execute();
      return rows.map((row) => ({
        staffId: row.staff_id,
        campaignId: row.campaign_id,
        attempts: Number(row.attempts),
        reached: Number(row.reached),
        declared: Number(row.declared),
      }));
    }
    if (filter.centerId !== null) query = query.where('k.center_id', '=', filter.centerId);
    const rows = await query.groupBy('a.staff_id').orderBy('a.staff_id').execute();
    return rows.map((row) => ({
      staffId: row.staff_id,
      campaignId: null,
      attempts: Number(row.attempts),
      reached: Number(row.reached),
      declared: Number(row.declared),
    }));
  },

  /** Calls per day (in the campaign's zone) from `fromDay` on, in order; days without calls are left out. */
  async perDay(db: Executor, campaignId: number, fromDay: string): Promise<{ day: string; attempts: number }[]> {
    const rows = await db
      .selectFrom('outreach_attempts')
      .select(['day', sql<number>`count(*)`.as('n')])
      .where('campaign_id', '=', campaignId)
      .where('day', '>=', fromDay)
      .groupBy('day')
      .orderBy('day')
      .execute();
    return rows.map((row) => ({ day: row.day, attempts: Number(row.n) }));
  },

  /** Attempts ⊇ contacts reached ⊇ contacts declared, and the attempts by outcome. */
  async figures(db: Executor, campaignId: number): Promise<CampaignFigures> {
    const rows = await db
      .selectFrom('outreach_attempts')
      .select(['outcome', sql<number>`count(*)`.as('n')])
      .where('campaign_id', '=', campaignId)
      .groupBy('outcome')
      .execute();
    const byOutcome = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
    for (const row of rows) byOutcome[row.outcome] = Number(row.n);
    const contacts = await db
      .selectFrom('outreach_attempts')
      .select([
        sql<number>`count(distinct case when outcome in (${sql.join(REACHED_OUTCOMES)}) then contact_id end)`.as('reached'),
        sql<number>`count(distinct case when outcome = 'declared' then contact_id end)`.as('declared'),
      ])
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    return {
      attempts: Object.values(byOutcome).reduce((sum, count) => sum + count, 0),
      reached: Number(contacts.reached),
      declared: Number(contacts.declared),
      byOutcome,
    };
  },
};

export interface CampaignFigures {
  attempts: number;
  /** Contacts whose call someone answered at least once. */
  reached: number;
  /** Contacts who declared. */
  declared: number;
  byOutcome: Record<Outcome, number>;
}

/** Figures of one group of calls: one caller's in one campaign, or one caller's at a center. */
export interface CallerFigures {
  staffId: number;
  campaignId: number | null;
  attempts: number;
  reached: number;
  declared: number;
}

export type AttemptsRepository = typeof attemptsRepository;
