import { sql, type Kysely } from 'kysely';
import { statementTextKey } from '../../domain/declaration/text-key.ts';
import { firePendingTriggers } from '../engine.ts';

const BACKFILL_ROWS = 1000;

/**
 * Near-identical statements flagged for moderators (issue 25, docs/security.md "Bursts, flagged
 * silently"): each declaration keeps the key its statement shares with trivially varied copies
 * (domain/declaration/text-key.ts), written with the row by every insert, and an index finds the
 * others of a key within a window of time. Rows without a statement have no key and are not in it.
 *
 * Only pending declarations get a key here, in batches: they are the ones the queue looks at, and
 * computing one for every row of a registry of millions would hold the migration for minutes.
 *
 * Building the index reads the whole table once, though every old row's key is null: about 40 s on
 * the 34-million registry's SQLite file (a scan of 1 and 2 million rows took 1.1 and 2.5 s, cold),
 * during which PostgreSQL holds writes to the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('declarations').addColumn('text_key', 'text').execute();
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('declarations')
      .select(['id', 'statement'])
      .where('status', '=', 'pending')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BACKFILL_ROWS)
      .execute();
    for (const row of rows) {
      const key = statementTextKey(row.statement);
      if (key !== null) await db.updateTable('declarations').set({ text_key: key }).where('id', '=', row.id).execute();
    }
    if (rows.length < BACKFILL_ROWS) break;
    after = rows[rows.length - 1]!.id;
  }
  // Earlier migrations of the same run may have queued declarations' deferred triggers; PostgreSQL
  // builds no index on a table with trigger events pending.
  await firePendingTriggers(db);
  await sql`create index declarations_text_key on declarations (text_key, created_at) where text_key is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('declarations_text_key').ifExists().execute();
  await db.schema.alterTable('declarations').dropColumn('text_key').execute();
}
