import { sql } from 'kysely';
import { toDbTime } from '../../db/time.ts';
import { DELIVERY_STATUSES, deliveryStatusesBefore, type DeliveryStatus } from '../../domain/newsletter/statuses.ts';
import type { NewsletterLanguage } from '../../domain/newsletter/subscription-input.ts';
import type { Executor } from '../executor.ts';

/** A delivery that is due, with what its mail needs: the sealed address and the language. */
export interface DueDelivery {
  id: number;
  issueId: number;
  attempts: number;
  subscriberId: number;
  emailSealed: string;
  emailHmac: string;
  language: NewsletterLanguage;
}

export const deliveriesRepository = {
  /** One queued delivery per confirmed subscriber, due now; how many were queued. */
  async queueIssue(db: Executor, issueId: number, at: Date): Promise<number> {
    const stamp = toDbTime(at);
    await db
      .insertInto('newsletter_deliveries')
      .columns(['issue_id', 'subscriber_id', 'status', 'attempts', 'next_attempt_at', 'updated_at'])
      .expression((eb) =>
        eb
          .selectFrom('newsletter_subscribers')
          .select([
            sql.lit(issueId).as('issue_id'),
            'id',
            sql.lit('queued').as('status'),
            sql.lit(0).as('attempts'),
            sql<string>`${stamp}`.as('next_attempt_at'),
            sql<string>`${stamp}`.as('updated_at'),
          ])
          .where('status', '=', 'confirmed'),
      )
      .execute();
    const counts = await deliveriesRepository.countsFor(db, issueId);
    return counts.queued;
  },

  /** The queued deliveries whose time has come, oldest first, at most `limit`. */
  async due(db: Executor, at: Date, limit: number): Promise<DueDelivery[]> {
    const rows = await db
      .selectFrom('newsletter_deliveries as d')
      .innerJoin('newsletter_subscribers as s', 's.id', 'd.subscriber_id')
      .select(['d.id', 'd.issue_id', 'd.attempts', 's.id as subscriber_id', 's.email_sealed', 's.email_hmac', 's.language'])
      .where('d.status', '=', 'queued')
      .where('d.next_attempt_at', '<=', toDbTime(at))
      .where('s.status', '=', 'confirmed')
      .where('s.email_sealed', 'is not', null)
      .where('s.email_hmac', 'is not', null)
      .orderBy('d.next_attempt_at')
      .orderBy('d.id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      issueId: row.issue_id,
      attempts: row.attempts,
      subscriberId: row.subscriber_id,
      // Not null: the query takes confirmed subscribers only, whose address is kept.
      emailSealed: row.email_sealed!,
      emailHmac: row.email_hmac!,
      language: row.language,
    }));
  },

  /**
   * Takes a due delivery for one attempt: counts it, gives it the token of this attempt's mail and
   * moves it out of the queue until `leaseUntil`, so another sender passes it by. False when another
   * sender took it first.
   */
  async claim(db: Executor, id: number, attempts: number, tokenHmac: string, leaseUntil: Date, at: Date): Promise<boolean> {
    const result = await db
      .updateTable('newsletter_deliveries')
      .set({ attempts: attempts + 1, token_hmac: tokenHmac, next_attempt_at: toDbTime(leaseUntil), updated_at: toDbTime(at) })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .where('attempts', '=', attempts)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  /** Records an attempt's end: sent, failed for good, or queued again for `retryAt`. */
  async settle(db: Executor, id: number, to: 'sent' | 'failed' | 'queued', at: Date, retryAt: Date | null = null): Promise<void> {
    await db
      .updateTable('newsletter_deliveries')
      .set({
        status: to,
        next_attempt_at: to === 'queued' && retryAt ? toDbTime(retryAt) : null,
        updated_at: toDbTime(at),
        ...(to === 'sent' ? { sent_at: toDbTime(at) } : {}),
      })
      .where('id', '=', id)
      .where('status', 'in', deliveryStatusesBefore(to))
      .execute();
  },

  async findByTokenHmac(
    db: Executor,
    tokenHmac: string,
  ): Promise<{ id: number; issueId: number; subscriberId: number; status: DeliveryStatus } | undefined> {
    const row = await db
      .selectFrom('newsletter_deliveries')
      .select(['id', 'issue_id', 'subscriber_id', 'status'])
      .where('token_hmac', '=', tokenHmac)
      .executeTakeFirst();
    return row && { id: row.id, issueId: row.issue_id, subscriberId: row.subscriber_id, status: row.status };
  },

  /** A bounce reported for a delivery; false when it was already recorded (or never left). */
  async markBounced(db: Executor, id: number, at: Date): Promise<boolean> {
    const result = await db
      .updateTable('newsletter_deliveries')
      .set({ status: 'bounced', updated_at: toDbTime(at) })
      .where('id', '=', id)
      .where('status', 'in', deliveryStatusesBefore('bounced'))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  /** An unsubscribed address gets nothing more: its deliveries not yet sent are dropped. */
  async dropQueuedOf(db: Executor, subscriberId: number): Promise<void> {
    await db.deleteFrom('newsletter_deliveries').where('subscriber_id', '=', subscriberId).where('status', '=', 'queued').execute();
  },

  async countsFor(db: Executor, issueId: number): Promise<Record<DeliveryStatus, number>> {
    const rows = await db
      .selectFrom('newsletter_deliveries')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .where('issue_id', '=', issueId)
      .groupBy('status')
      .execute();
    const counts = Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, 0])) as Record<DeliveryStatus, number>;
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  },
};

export type DeliveriesRepository = typeof deliveriesRepository;
