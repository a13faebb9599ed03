import type { Kysely } from 'kysely';
import { timestampType } from '../engine.ts';

/**
 * Receipts held for a short while after a submission (repositories/submission-receipts-repository.ts):
 * a repeated form post, a retried API request with the same Idempotency-Key or a reloaded console
 * batch gets the first answer back instead of filing again, and the receipt page after a form's
 * redirect is found by a one-use reference. Everything identifying is a keyed hash; the receipt
 * itself is sealed. Rows expire within hours and are purged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('submission_receipts')
    // Time-ordered (UUIDv7), like the tokens' hashes: each commit writes the end of these indexes only.
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The form's one-use token, the API's Idempotency-Key or the console batch's token; null: not deduplicated.
    .addColumn('token_hash', 'text')
    // The API request body the key was first used with.
    .addColumn('fingerprint', 'text')
    // The secret of the reference the receipt page is still reachable by; null once shown. Found by id.
    .addColumn('ref_hash', 'text')
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('expires_at', timestampType(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('submission_receipts_token').unique().on('submission_receipts').column('token_hash').execute();
  await db.schema.createIndex('submission_receipts_expiry').on('submission_receipts').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('submission_receipts').execute();
}
