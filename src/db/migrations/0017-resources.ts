import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../engine.ts';

/**
 * The resources page (docs/resources.md): its text per language as versions that are only ever
 * added (the page shows the newest; restoring an old one adds it again), and the outside addresses
 * the operator allows it to link to (mirrors, the onion address, downloads).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);
  await withIdColumn(db, db.schema.createTable('resource_versions'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // Null when the command line saved it (it is no staff account).
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    // The version whose text this one restored, if it was a restore.
    .addColumn('restored_from', 'integer', (c) => c.references('resource_versions.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  // The newest version of a language, and its history newest first.
  await db.schema.createIndex('resource_versions_locale').on('resource_versions').columns(['locale', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('resource_links'))
    // Normalised (URL.href), so one address is listed once and a link matches it exactly.
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['resource_links', 'resource_versions']) await db.schema.dropTable(table).execute();
}
