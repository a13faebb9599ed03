import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

/** The only place outside create-db where code learns which engine it runs on. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function timestampType(db: Kysely<any>) {
  return isPostgres(db) ? sql`timestamptz` : sql`text`;
}

/** An integer primary key the database assigns (below 2^31 on both engines). */
export function withIdColumn<T extends string>(
  db: Kysely<any>,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'integer', (column: ColumnDefinitionBuilder) =>
        column.primaryKey().generatedByDefaultAsIdentity(),
      )
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
