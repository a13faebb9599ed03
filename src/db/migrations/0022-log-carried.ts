import { sql, type Kysely } from 'kysely';
import { withIdColumn } from '../engine.ts';

/**
 * The carried-over day totals in the transparency log (docs/transparency.md, "Carried over"): the
 * days whose carried figure changed since the log last looked, and the figure the log holds of each.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Written in the transaction that changes a day's carried figure (repositories/history-repository.ts),
  // emptied by each batch. No foreign key, as log_queue: a passing note.
  await withIdColumn(db, db.schema.createTable('log_carried_queue'))
    .addColumn('day', 'text', (c) => c.notNull())
    .execute();

  // Per day, the people its latest `carried` entry says and that entry's leaf.
  await db.schema
    .createTable('log_carried')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addColumn('leaf', 'integer', (c) => c.notNull().unique())
    .execute();

  // Days already carried over go in with the next batch.
  await sql`insert into log_carried_queue (day) select day from legacy_days order by day`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['log_carried', 'log_carried_queue']) await db.schema.dropTable(table).execute();
}
