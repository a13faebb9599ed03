import type { Kysely } from 'kysely';

/**
 * Two things the import of the old archive needs (docs/history.md, part B):
 *
 * - the archive's newest-first order by publication time, not by id: imported posts are inserted
 *   after statements registered here yet are years older. The index is in the order the latest page
 *   and feed read (published_at, id), so a page is a range of it. (Not partial on the status: SQLite,
 *   without statistics, would then read the status index and sort, as archive-repository.ts says);
 * - the secondary indexes a bulk import drops while it writes (db/deferred-indexes.ts), with the
 *   statement that builds each again, so a run stopped by a crash has them rebuilt by the next start.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('declarations_published_order').on('declarations').columns(['published_at', 'id']).execute();

  await db.schema
    .createTable('deferred_indexes')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('table_name', 'text', (c) => c.notNull())
    // The index's own CREATE INDEX statement, as the engine reported it when it was dropped.
    .addColumn('definition', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deferred_indexes').execute();
  await db.schema.dropIndex('declarations_published_order').execute();
}
