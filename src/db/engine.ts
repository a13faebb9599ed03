import type { StatementSync } from 'node:sqlite';
import {
  PostgresAdapter,
  sql,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Expression,
  type Kysely,
  type SqlBool,
} from 'kysely';
import type { NodeSqliteConnection } from './node-sqlite/node-sqlite-driver.ts';

/** The only place outside create-db where code learns which engine it runs on. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * A condition true of most rows, said so to SQLite (likely()), which plans without statistics and
 * would otherwise read the table through an index on that condition's column. The condition still
 * counts toward a partial index whose WHERE it repeats. PostgreSQL plans from its statistics.
 */
export function mostlyTrue(db: Kysely<any>, condition: Expression<SqlBool>): Expression<SqlBool> {
  return isPostgres(db) ? condition : sql<SqlBool>`likely(${condition})`;
}

/**
 * The SQLite file a database URL names; undefined for PostgreSQL and for an in-memory SQLite
 * database, which no other connection or thread can open.
 */
export function sqliteFilePath(databaseUrl: string): string | undefined {
  return databaseUrl.startsWith('sqlite:') && databaseUrl !== 'sqlite::memory:' ? databaseUrl.slice('sqlite:'.length) : undefined;
}

/** Copies what it can of a SQLite WAL into the database file, without waiting for any lock. */
export async function passiveWalCheckpoint(db: Kysely<any>): Promise<void> {
  await sql`pragma wal_checkpoint(passive)`.execute(db);
}

/**
 * Fires now the deferred triggers of declarations (migration 0009) that earlier migrations of the same
 * run queued by updating published rows: PostgreSQL refuses to ALTER a table with trigger events pending.
 */
export async function firePendingTriggers(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`set constraints all immediate`.execute(db);
}

/**
 * Runs `work` with prepared statements of the SQLite connection under `db` (a transaction's, when
 * `db` is one), skipping Kysely's query building and result mapping: for bulk paths whose rows are
 * counted in millions. Writes belong inside a transaction, which holds the write lock: a statement
 * run here is not tried again on SQLITE_BUSY as the driver's are. Undefined on PostgreSQL, where the
 * caller keeps its portable query.
 */
export async function onSqlite<T>(db: Kysely<any>, work: (prepare: (sql: string) => StatementSync) => T): Promise<T | undefined> {
  if (isPostgres(db)) return undefined;
  return db.getExecutor().provideConnection(async (connection) => work((text) => (connection as NodeSqliteConnection).prepared(text)));
}

export function timestampType(db: Kysely<any>) {
  return isPostgres(db) ? sql`timestamptz` : sql`text`;
}

/** An integer primary key the database assigns (below 2^31 on both engines). */
export function withIdColumn<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'integer', (column: ColumnDefinitionBuilder) => column.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (column: ColumnDefinitionBuilder) => column.primaryKey().autoIncrement());
}

/**
 * Serialises writers of a hash chain for the rest of the transaction. SQLite
 * transactions already start with the write lock (BEGIN IMMEDIATE).
 */
export async function lockForChainAppend(trx: Kysely<any>, lockId: number): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${lockId})`.execute(trx);
}

/**
 * Holds back every status change until the transaction ends: each one updates
 * counter_totals, which this locks. SQLite's BEGIN IMMEDIATE already does it.
 */
export async function lockCounters(trx: Kysely<any>): Promise<void> {
  if (isPostgres(trx)) await sql`lock table counter_totals in exclusive mode`.execute(trx);
}

/**
 * SQLite's way to change a table's constraints (https://www.sqlite.org/lang_altertable.html#otheralter):
 * a new table made from the old CREATE statement with `change` applied, the rows copied, the old
 * table dropped, the new one renamed, its indexes made again. Foreign keys must be off, as they are
 * while migrating (migrate.ts); they are checked before the caller's transaction commits.
 */
export async function rebuildSqliteTable(db: Kysely<any>, table: string, change: (createSql: string) => string): Promise<void> {
  const schema = await sql<{ type: string; sql: string }>`
    select type, sql from sqlite_master where tbl_name = ${table} and sql is not null order by type desc`.execute(db);
  // Triggers and views would need rewriting too; none exist, and a rebuild must not drop one silently.
  if (schema.rows.some((row) => row.type !== 'table' && row.type !== 'index'))
    throw new Error(`rebuilding ${table}: it has triggers or views`);
  const create = schema.rows.find((row) => row.type === 'table')!.sql;
  const indexes = schema.rows.filter((row) => row.type === 'index').map((row) => row.sql);
  const changed = change(create);
  if (changed === create) throw new Error(`rebuilding ${table}: the change left its CREATE statement as it was`);
  const rebuilt = `${table}_rebuilt`;
  const quoted = `CREATE TABLE "${table}"`;
  if (!changed.startsWith(quoted)) throw new Error(`rebuilding ${table}: unexpected CREATE statement`);
  const columns = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows
    .map((column) => `"${column.name}"`)
    .join(', ');
  const sequence = await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table}`
    .execute(db)
    .catch(() => ({ rows: [] }));

  await sql.raw(`CREATE TABLE "${rebuilt}"${changed.slice(quoted.length)}`).execute(db);
  await sql.raw(`INSERT INTO "${rebuilt}" (${columns}) SELECT ${columns} FROM "${table}"`).execute(db);
  await sql.raw(`DROP TABLE "${table}"`).execute(db);
  await sql.raw(`ALTER TABLE "${rebuilt}" RENAME TO "${table}"`).execute(db);
  for (const index of indexes) await sql.raw(index).execute(db);
  // AUTOINCREMENT never reuses an id, even one whose row was deleted: keep its high-water mark.
  const seq = sequence.rows[0]?.seq;
  if (seq !== undefined) await sql`update sqlite_sequence set seq = max(seq, ${seq}) where name = ${table}`.execute(db);

  const violations = await sqliteForeignKeyViolations(db);
  if (violations > 0) throw new Error(`rebuilding ${table}: ${violations} foreign key violations`);
}

/** SQLite rebuilds tables with foreign keys off (see rebuildSqliteTable); a no-op on PostgreSQL. */
export async function withoutSqliteForeignKeys<T>(db: Kysely<any>, run: () => Promise<T>): Promise<T> {
  if (isPostgres(db)) return run();
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    return await run();
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

/** Rows whose foreign key points nowhere (SQLite; PostgreSQL never lets one exist). */
export async function sqliteForeignKeyViolations(db: Kysely<any>): Promise<number> {
  if (isPostgres(db)) return 0;
  return (await sql`pragma foreign_key_check`.execute(db)).rows.length;
}
