import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Repositories run on the database or inside a caller's transaction alike. */
export type Executor = Kysely<Database> | Transaction<Database>;

const builtSql = new WeakMap<object, Map<string, string>>();

/**
 * A query's SQL built by Kysely once per dialect and key, for hot paths that
 * run the same shape of statement many times with new parameters: building a
 * large insert costs more than running it.
 */
export function reusableSql(db: Executor, key: string, build: () => { sql: string }): string {
  const adapter = db.getExecutor().adapter;
  let byKey = builtSql.get(adapter);
  if (!byKey) {
    byKey = new Map();
    builtSql.set(adapter, byKey);
  }
  let sql = byKey.get(key);
  if (sql === undefined) {
    sql = build().sql;
    byKey.set(key, sql);
  }
  return sql;
}
