import type { Kysely } from 'kysely';
import { timestampType } from '../engine.ts';

/**
 * Flood resistance (docs/security.md, "Flooding"): the proof-of-work challenges already spent, so a
 * solved challenge admits one submission on every server sharing the database; and the kill
 * switches, one row per feature an admin turned off or on again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The challenge's nonce (random, 128 bits) and when it stops being accepted anyway: rows past it are purged.
  await db.schema
    .createTable('spent_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', timestampType(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('spent_challenges_expires').on('spent_challenges').column('expires_at').execute();

  // A feature without a row is on: only a change is written, with who made it (the audit log has the rest).
  await db.schema
    .createTable('feature_switches')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('changed_at', timestampType(db), (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['feature_switches', 'spent_challenges']) await db.schema.dropTable(table).execute();
}
