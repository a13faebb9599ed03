import { sql, type Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../engine.ts';

/**
 * The transparency log (docs/transparency.md). Integers stay below 2^31 on both engines: a log of
 * two billion leaves is far beyond any registry this serves.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);
  // Declarations whose published state changed since the log last looked: written in the
  // transaction of the change (repositories/declarations/status.ts), emptied by each batch. No foreign
  // key: a passing note that must never stop a row from going (a batch reads a gone row as not counted).
  await withIdColumn(db, db.schema.createTable('log_queue'))
    .addColumn('declaration_id', 'integer', (c) => c.notNull())
    .execute();

  // One row per statement the log has declared: its salt (null once a retraction erased it) and leaves.
  await db.schema
    .createTable('log_statements')
    .addColumn('declaration_id', 'integer', (c) => c.primaryKey().references('declarations.id'))
    .addColumn('salt', 'text')
    .addColumn('declared_leaf', 'integer', (c) => c.notNull().unique())
    .addColumn('withdrawn_leaf', 'integer', (c) => c.unique())
    .execute();

  // Tiles as C2SP tlog-tiles serves them; level -1 holds the entry bundles. A full tile (width 256)
  // is written once; only the partial right edge of each level is written again, wider.
  await db.schema
    .createTable('log_tiles')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('tile_index', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    // base64: one text type on both engines.
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('log_tiles_pk', ['level', 'tile_index'])
    .execute();

  await db.schema
    .createTable('log_checkpoints')
    .addColumn('size', 'integer', (c) => c.primaryKey())
    .addColumn('root', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  // Everything already published goes in with the first batches, oldest first.
  await sql`insert into log_queue (declaration_id)
    select id from declarations where status = 'published' and duplicate_of is null order by published_at, id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['log_checkpoints', 'log_tiles', 'log_statements', 'log_queue']) await db.schema.dropTable(table).execute();
}
