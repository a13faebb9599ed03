import { fromDbTime, toDbTime } from '../../db/time.ts';
import { SUBSCRIBER_STATUSES, subscriberStatusesBefore, type SubscriberStatus } from '../../domain/newsletter/statuses.ts';
import type { NewsletterLanguage } from '../../domain/newsletter/subscription-input.ts';
import type { Executor } from '../executor.ts';

/** A subscriber as stored: the address stays sealed here; the service opens it. */
export interface SubscriberRecord {
  id: number;
  /** Null once unsubscribed: the address is erased. */
  emailSealed: string | null;
  emailHmac: string | null;
  language: NewsletterLanguage;
  status: SubscriberStatus;
  mailedAt: Date | null;
}

/** What a sign-up writes: a new row, or a renewal of the address's row. */
export interface SignUpRow {
  emailSealed: string;
  emailHmac: string;
  language: NewsletterLanguage;
  tokenHmac: string;
  consentedAt: Date;
  termsVersion: string;
}

const COLUMNS = ['id', 'email_sealed', 'email_hmac', 'language', 'status', 'mailed_at'] as const;

function toRecord(row: {
  id: number;
  email_sealed: string | null;
  email_hmac: string | null;
  language: NewsletterLanguage;
  status: SubscriberStatus;
  mailed_at: Date | string | null;
}): SubscriberRecord {
  return {
    id: row.id,
    emailSealed: row.email_sealed,
    emailHmac: row.email_hmac,
    language: row.language,
    status: row.status,
    mailedAt: row.mailed_at === null ? null : fromDbTime(row.mailed_at),
  };
}

export const subscribersRepository = {
  /** Whether any address is sealed under the contact key here (composition's key check). */
  async anySealed(db: Executor): Promise<boolean> {
    return (await db.selectFrom('newsletter_subscribers').select('id').limit(1).executeTakeFirst()) !== undefined;
  },

  async findByEmailHmac(db: Executor, emailHmac: string): Promise<SubscriberRecord | undefined> {
    const row = await db.selectFrom('newsletter_subscribers').select(COLUMNS).where('email_hmac', '=', emailHmac).executeTakeFirst();
    return row && toRecord(row);
  },

  async findByTokenHmac(db: Executor, tokenHmac: string): Promise<SubscriberRecord | undefined> {
    const row = await db.selectFrom('newsletter_subscribers').select(COLUMNS).where('token_hmac', '=', tokenHmac).executeTakeFirst();
    return row && toRecord(row);
  },

  async findById(db: Executor, id: number): Promise<SubscriberRecord | undefined> {
    const row = await db.selectFrom('newsletter_subscribers').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  },

  /** A new pending subscriber; undefined when the address signed up at the same moment elsewhere. */
  async insert(db: Executor, row: SignUpRow, at: Date): Promise<number | undefined> {
    const inserted = await db
      .insertInto('newsletter_subscribers')
      .values({
        email_sealed: row.emailSealed,
        email_hmac: row.emailHmac,
        language: row.language,
        status: 'pending',
        token_hmac: row.tokenHmac,
        consented_at: toDbTime(row.consentedAt),
        terms_version: row.termsVersion,
        created_at: toDbTime(at),
        updated_at: toDbTime(at),
      })
      .onConflict((conflict) => conflict.column('email_hmac').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted?.id;
  },

  /**
   * Another sign-up of a known address: a new secret for its links, and the language and consent
   * given. False when its status moved meanwhile.
   */
  async renew(db: Executor, id: number, from: 'pending' | 'confirmed', row: SignUpRow, at: Date): Promise<boolean> {
    const result = await db
      .updateTable('newsletter_subscribers')
      .set({
        language: row.language,
        token_hmac: row.tokenHmac,
        consented_at: toDbTime(row.consentedAt),
        terms_version: row.termsVersion,
        updated_at: toDbTime(at),
      })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  async markMailed(db: Executor, id: number, at: Date): Promise<void> {
    await db
      .updateTable('newsletter_subscribers')
      .set({ mailed_at: toDbTime(at) })
      .where('id', '=', id)
      .execute();
  },

  /**
   * Moves a subscriber by a conditional UPDATE; false when it was not in a status that may move
   * there. Unsubscribing erases the address and its HMAC: nothing is kept of someone who left but
   * the row the issues' counts refer to.
   */
  async move(db: Executor, id: number, to: SubscriberStatus, at: Date): Promise<boolean> {
    const stamp = toDbTime(at);
    const result = await db
      .updateTable('newsletter_subscribers')
      .set({
        status: to,
        updated_at: stamp,
        ...(to === 'confirmed' ? { confirmed_at: stamp } : {}),
        ...(to === 'unsubscribed' ? { unsubscribed_at: stamp, email_sealed: null, email_hmac: null } : {}),
      })
      .where('id', '=', id)
      .where('status', 'in', subscriberStatusesBefore(to))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  /** Deletes the sign-ups not confirmed since `before` (they never received anything); how many. */
  async purgePending(db: Executor, before: Date): Promise<number> {
    const result = await db
      .deleteFrom('newsletter_subscribers')
      .where('status', '=', 'pending')
      .where('updated_at', '<', toDbTime(before))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  async countByStatus(db: Executor): Promise<Record<SubscriberStatus, number>> {
    const rows = await db
      .selectFrom('newsletter_subscribers')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const counts = Object.fromEntries(SUBSCRIBER_STATUSES.map((status) => [status, 0])) as Record<SubscriberStatus, number>;
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  },
};

export type SubscribersRepository = typeof subscribersRepository;
