import { sql, type Kysely } from 'kysely';
import { firePendingTriggers, timestampType } from '../engine.ts';

/**
 * The old archive's posts (docs/history.md, part B): each imported statement keeps its legacy id, so
 * the previous site's links (/index/showpost/id/N) find it, and each run of the import keeps how far
 * it got in a file, so an interrupted run goes on from there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);
  // An upgrade from before 0013 updated published rows in this same transaction.
  await firePendingTriggers(db);
  // Null for every statement registered here. Adding a nullable column rewrites no row on either engine.
  await db.schema.alterTable('declarations').addColumn('legacy_id', 'bigint').execute();
  await db.schema
    .createIndex('declarations_legacy_id')
    .unique()
    .on('declarations')
    .column('legacy_id')
    .where(sql.ref('legacy_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('history_post_imports')
    // A digest of the file's size and first bytes: the same export names the same row, wherever it lies.
    .addColumn('file_key', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // Everything before this byte (and line) is written or rejected, as of the last committed batch.
    .addColumn('bytes_done', 'bigint', (c) => c.notNull())
    .addColumn('lines_done', 'bigint', (c) => c.notNull())
    .addColumn('written', 'bigint', (c) => c.notNull())
    .addColumn('already_held', 'bigint', (c) => c.notNull())
    .addColumn('rejected', 'bigint', (c) => c.notNull())
    .addColumn('started_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('finished_at', time)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('history_post_imports').execute();
  await db.schema.dropIndex('declarations_legacy_id').execute();
  await db.schema.alterTable('declarations').dropColumn('legacy_id').execute();
}
