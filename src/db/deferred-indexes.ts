import { sql, type Kysely } from 'kysely';
import { isPostgres } from './engine.ts';
import type { Database } from './schema.ts';

/**
 * Secondary indexes dropped while a bulk job writes rows, and built again after them: CREATE INDEX
 * over the whole table sorts once, where keeping the index row by row costs a search and a page write
 * for every row (docs/performance.md, "Importing the old archive"). Each dropped index is noted with
 * its statement, in the transaction that drops it, so a job stopped by a crash leaves them noted and
 * the next start of any process builds them again (migrate.ts) before anything reads the table.
 * SQLite only: a bulk job holds its registry alone (exclusive-sqlite.ts).
 */

/** Drops every secondary index of `table` but those named in `keep` (the constraints the job relies on); returns their names. */
export async function deferIndexes(db: Kysely<Database>, table: string, keep: readonly string[]): Promise<string[]> {
  if (isPostgres(db)) return [];
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ name: string; sql: string }>`
      select name, sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null order by name`.execute(trx);
    const dropped = rows.filter((row) => !keep.includes(row.name));
    for (const index of dropped) {
      await trx
        .insertInto('deferred_indexes')
        .values({ name: index.name, table_name: table, definition: index.sql })
        .onConflict((conflict) => conflict.column('name').doNothing())
        .execute();
      await sql`drop index ${sql.id(index.name)}`.execute(trx);
    }
    return dropped.map((index) => index.name);
  });
}

/**
 * Builds every noted index again, each in its own transaction with its note, and answers their names.
 * An index that exists already (built by a run that stopped before forgetting its note) is left alone.
 */
export async function restoreDeferredIndexes(db: Kysely<Database>, onIndex?: (name: string) => void): Promise<string[]> {
  const noted = await db.selectFrom('deferred_indexes').select(['name', 'definition']).orderBy('name').execute();
  if (noted.length === 0) return [];
  // CREATE INDEX sorts in runs of cache_size bytes, several at once with helper threads.
  await sql`pragma threads = 2`.execute(db);
  for (const index of noted) {
    onIndex?.(index.name);
    await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{
        n: number;
      }>`select count(*) as n from sqlite_master where type = 'index' and name = ${index.name}`.execute(trx);
      if (Number(rows[0]?.n ?? 0) === 0) await sql.raw(index.definition).execute(trx);
      await trx.deleteFrom('deferred_indexes').where('name', '=', index.name).execute();
    });
  }
  return noted.map((index) => index.name);
}
