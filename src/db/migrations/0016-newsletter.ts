import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../engine.ts';

/**
 * The newsletter (docs/newsletter.md): subscribers, their addresses sealed and found by HMAC, with
 * a double opt-in status and the consent they gave; issues written in three languages; and one
 * delivery per issue and subscriber, which the sending job works through with retries.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);
  await withIdColumn(db, db.schema.createTable('newsletter_subscribers'))
    // Sealed under the contact key, bound to the HMAC; the HMAC (of the lower-cased address) is the lookup.
    // Both are erased (null) when the subscriber unsubscribes: the row stays only for the issues' counts.
    .addColumn('email_sealed', 'text')
    .addColumn('email_hmac', 'text', (c) => c.unique())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // HMAC of the secret in the confirmation mail's links (confirm, unsubscribe); a new sign-up replaces it.
    .addColumn('token_hmac', 'text', (c) => c.notNull().unique())
    .addColumn('consented_at', time, (c) => c.notNull())
    .addColumn('terms_version', 'text', (c) => c.notNull())
    // When the last confirmation mail left: another sign-up within minutes sends none (no mail bombing).
    .addColumn('mailed_at', time)
    .addColumn('confirmed_at', time)
    .addColumn('unsubscribed_at', time)
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  // The subscriber counts, and the purge of sign-ups never confirmed.
  await db.schema.createIndex('newsletter_subscribers_status').on('newsletter_subscribers').columns(['status', 'updated_at']).execute();

  await withIdColumn(db, db.schema.createTable('newsletter_issues'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('subject_zh_hans', 'text', (c) => c.notNull())
    .addColumn('body_zh_hans', 'text', (c) => c.notNull())
    .addColumn('subject_zh_hant', 'text', (c) => c.notNull())
    .addColumn('body_zh_hant', 'text', (c) => c.notNull())
    .addColumn('subject_en', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('sent_by', 'integer', (c) => c.references('staff.id'))
    // How many deliveries sending queued; the live counts per status come from the deliveries.
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('sending_at', time)
    .addColumn('sent_at', time)
    .execute();

  await withIdColumn(db, db.schema.createTable('newsletter_deliveries'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('newsletter_issues.id'))
    .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('newsletter_subscribers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // While queued: when it is due. Taking it pushes this forward, so two senders never send one mail twice.
    .addColumn('next_attempt_at', time)
    // HMAC of the token in the mail's return path and unsubscribe link; a new one for every attempt.
    .addColumn('token_hmac', 'text', (c) => c.unique())
    .addColumn('sent_at', time)
    .addColumn('updated_at', time, (c) => c.notNull())
    .addUniqueConstraint('newsletter_deliveries_once', ['issue_id', 'subscriber_id'])
    .execute();
  // The job's queue, and the progress counts of an issue.
  await db.schema.createIndex('newsletter_deliveries_due').on('newsletter_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema
    .createIndex('newsletter_deliveries_subscriber')
    .on('newsletter_deliveries')
    .columns(['subscriber_id', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['newsletter_deliveries', 'newsletter_issues', 'newsletter_subscribers']) {
    await db.schema.dropTable(table).execute();
  }
}
