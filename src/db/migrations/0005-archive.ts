import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine.ts';

/**
 * The public archive: every list reads one index range, newest first, and
 * stops after a page (see repositories/archive-repository.ts). Already there:
 * (status, id) for the latest, (counted_day, id) for a day, (featured_on, id)
 * for the selection.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  if (postgres) {
    // Prefix search reads alias_key as a range [key, key with its last character + 1). That is
    // "starts with" only in code-point order: a linguistic collation (en_US.UTF-8, ICU) may sort
    // and even ignore characters otherwise. "C" is code-point order, as SQLite's BINARY is; equality
    // is unchanged. The table is not rewritten; indexes on alias_key are rebuilt.
    await sql`alter table declarations alter column alias_key type text collate "C"`.execute(db);
  }
  // Search by alias, exact and by prefix: first names in key order, newest first within a key,
  // so both searches read one range in index order. Not partial: SQLite, which has no statistics,
  // would rather read (status, id) for a query that names the status (see archive-repository.ts).
  // "if not exists": on a large PostgreSQL an operator may build it beforehand with CREATE INDEX
  // CONCURRENTLY, which cannot run inside this migration's transaction.
  await sql`create index if not exists declarations_alias_id on declarations (alias_key, id desc)`.execute(db);

  // One row per distinct bigram of a published declaration's folded title and region. The
  // primary key (gram, declaration_id) is the posting list of each gram, in id order.
  let grams = db.schema
    .createTable('search_grams')
    .addColumn('gram', postgres ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addColumn('declaration_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_grams_pk', ['gram', 'declaration_id']);
  // On SQLite the table is its primary key: no rowid, no second copy of every row.
  if (!postgres) grams = grams.modifyEnd(sql`without rowid`);
  await grams.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_grams').execute();
  await db.schema.dropIndex('declarations_alias_id').execute();
  if (isPostgres(db)) await sql`alter table declarations alter column alias_key type text collate "default"`.execute(db);
}
