import { CompiledQuery, type Compilable, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Repositories run on the database or inside a caller's transaction alike. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** What `build` makes for a key, made once per dialect (the executor's adapter) and kept in `cache`. */
function builtOnce<T>(cache: WeakMap<object, Map<string, T>>, db: Executor, key: string, build: () => T): T {
  const adapter = db.getExecutor().adapter;
  let byKey = cache.get(adapter);
  if (!byKey) {
    byKey = new Map();
    cache.set(adapter, byKey);
  }
  let built = byKey.get(key);
  if (built === undefined) {
    built = build();
    byKey.set(key, built);
  }
  return built;
}

const builtSql = new WeakMap<object, Map<string, string>>();

/**
 * A query's SQL built by Kysely once per dialect and key, for hot paths that
 * run the same shape of statement many times with new parameters: building a
 * large insert costs more than running it.
 */
export function reusableSql(db: Executor, key: string, build: () => { sql: string }): string {
  return builtOnce(builtSql, db, key, () => build().sql);
}

/** Where a value of a reused select goes: a named value given per run, or a value the query fixes. */
type ParameterSlot = { name: string } | { value: unknown };

const builtSelects = new WeakMap<object, Map<string, { sql: string; slots: ParameterSlot[] }>>();
// What a stand-in value is: no value of a query is a string starting with a NUL (PostgreSQL cannot take one as text).
const STAND_IN = '\u0000';

/**
 * A select built and compiled by Kysely once per dialect and key, then run with new values: `build`
 * is given a stand-in for each named value (typed `never`, so it fits wherever the value goes),
 * and each run puts the real values where the stand-ins were. Building and compiling one of the
 * archive's selects cost a page 100-200 µs of CPU, more than SQLite's read of it
 * (docs/performance.md, "Public pages rendered per request"). A key names one shape of query: a different shape (a cursor
 * or none) is another key.
 */
export async function reusableSelect<Row, Name extends string>(
  db: Executor,
  key: string,
  values: Readonly<Record<Name, unknown>>,
  build: (standIns: Readonly<Record<Name, never>>) => Compilable<Row>,
): Promise<Row[]> {
  const executor = db.getExecutor();
  // Plugins see and may change each query as it is built (a test's capture of query plans): built every time for them.
  if (executor.plugins.length > 0) return (await db.executeQuery(build(values as Readonly<Record<Name, never>>))).rows;
  const built = builtOnce(builtSelects, db, key, () => {
    const standIns = Object.fromEntries(Object.keys(values).map((name) => [name, `${STAND_IN}${name}`])) as unknown as Record<Name, never>;
    const compiled = build(standIns).compile();
    const slots = compiled.parameters.map((value): ParameterSlot => {
      const name = typeof value === 'string' && value.startsWith(STAND_IN) ? value.slice(1) : null;
      return name !== null && Object.hasOwn(values, name) ? { name } : { value };
    });
    return { sql: compiled.sql, slots };
  });
  const parameters = built.slots.map((slot) => ('name' in slot ? values[slot.name as Name] : slot.value));
  return (await db.executeQuery<Row>(CompiledQuery.raw(built.sql, parameters))).rows;
}
