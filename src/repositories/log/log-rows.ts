import type { StatementSync } from 'node:sqlite';
import { sql } from 'kysely';
import { onSqlite } from '../../db/engine.ts';
import type { Admission, DeclarationStatus } from '../../db/schema.ts';
import type { Executor } from '../executor.ts';

/**
 * The rows a log batch reads and writes, tens of thousands at a time and 34 million in a first build
 * (docs/performance.md, "Building and verifying the transparency log"): on SQLite through prepared
 * statements of many rows each, inside the batch's transaction; on PostgreSQL through multi-row
 * statements of Kysely. Kysely's query building and value mapping were a third of a first build.
 */

/** A queued change with the declaration's state now and what the log already holds of it. */
export interface QueuedChange {
  queueId: number;
  declarationId: number;
  /** Null when the declaration is gone (only tests delete rows). */
  registrationNumber: string | null;
  status: DeclarationStatus | null;
  duplicateOf: number | null;
  countedDay: string | null;
  headcount: number;
  party: number;
  league: number;
  pioneers: number;
  admission: Admission;
  declaredLeaf: number | null;
  withdrawnLeaf: number | null;
}

export interface NewStatement {
  declarationId: number;
  salt: string;
  leaf: number;
}

export interface StoredTile {
  level: number;
  index: number;
  width: number;
  data: Buffer;
}

/** Rows per prepared SQLite statement: each call into SQLite costs more than binding a few more values (as the seeder found). */
const ROWS_PER_STATEMENT = 100;
/** Rows per PostgreSQL statement, well below its 65,535 bound values. */
const ROWS_PER_PG_STATEMENT = 1000;

const values = (columns: number, rows: number) =>
  Array(rows)
    .fill(`(${Array(columns).fill('?').join(', ')})`)
    .join(', ');
const placeholders = (count: number) => Array(count).fill('?').join(', ');

/**
 * Runs `statement` over `rows` in groups of ROWS_PER_STATEMENT (the remainder one row at a time),
 * binding each row's values as `bind` lays them out; returns the rows SQLite reports changed.
 */
function runMany<T>(
  prepare: (text: string) => StatementSync,
  sqlFor: (rows: number) => string,
  rows: readonly T[],
  bind: (row: T, out: (string | number)[]) => void,
): number {
  let changed = 0;
  const many = rows.length >= ROWS_PER_STATEMENT ? prepare(sqlFor(ROWS_PER_STATEMENT)) : undefined;
  const params: (string | number)[] = [];
  let start = 0;
  for (; many && start + ROWS_PER_STATEMENT <= rows.length; start += ROWS_PER_STATEMENT) {
    params.length = 0;
    for (let i = start; i < start + ROWS_PER_STATEMENT; i++) bind(rows[i]!, params);
    changed += Number(many.run(...params).changes);
  }
  if (start < rows.length) {
    const one = prepare(sqlFor(1));
    for (; start < rows.length; start++) {
      params.length = 0;
      bind(rows[start]!, params);
      changed += Number(one.run(...params).changes);
    }
  }
  return changed;
}

/** The oldest queued changes, up to `limit` rows, each with its declaration's state now and its leaves. */
export async function queuedChanges(db: Executor, limit: number): Promise<QueuedChange[]> {
  // Aliased to the interface's names and with its defaults, so each row is used as the database
  // driver hands it over: no second object per change.
  const { rows } = await sql<QueuedChange>`
    select q.id as "queueId", q.declaration_id as "declarationId", d.registration_number as "registrationNumber",
      d.status as "status", d.duplicate_of as "duplicateOf", d.counted_day as "countedDay",
      coalesce(d.headcount, 0) as "headcount", coalesce(d.party, 0) as "party", coalesce(d.league, 0) as "league",
      coalesce(d.pioneers, 0) as "pioneers", coalesce(d.admission, 'public') as "admission",
      s.declared_leaf as "declaredLeaf", s.withdrawn_leaf as "withdrawnLeaf"
    from log_queue q
    left join declarations d on d.id = q.declaration_id
    left join log_statements s on s.declaration_id = q.declaration_id
    order by q.id
    limit ${limit}`.execute(db);
  return rows;
}

/** Deletes these rows of a queue by id; returns how many it deleted. */
export async function deleteQueued(db: Executor, table: 'log_queue' | 'log_carried_queue', ids: readonly number[]): Promise<number> {
  const fast = await onSqlite(db, (prepare) =>
    runMany(
      prepare,
      (rows) => `delete from ${table} where id in (${placeholders(rows)})`,
      ids,
      (id, out) => out.push(id),
    ),
  );
  if (fast !== undefined) return fast;
  let deleted = 0;
  for (let start = 0; start < ids.length; start += ROWS_PER_PG_STATEMENT) {
    const result = await db
      .deleteFrom(table)
      .where('id', 'in', ids.slice(start, start + ROWS_PER_PG_STATEMENT))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

export async function insertStatements(db: Executor, rows: readonly NewStatement[]): Promise<void> {
  const fast = await onSqlite(db, (prepare) =>
    runMany(
      prepare,
      (count) => `insert into log_statements (declaration_id, salt, declared_leaf) values ${values(3, count)}`,
      rows,
      (row, out) => out.push(row.declarationId, row.salt, row.leaf),
    ),
  );
  if (fast !== undefined) return;
  for (let start = 0; start < rows.length; start += ROWS_PER_PG_STATEMENT) {
    await db
      .insertInto('log_statements')
      .values(
        rows
          .slice(start, start + ROWS_PER_PG_STATEMENT)
          .map((row) => ({ declaration_id: row.declarationId, salt: row.salt, declared_leaf: row.leaf })),
      )
      .execute();
  }
}

/** Writes tiles: a new one, or a wider copy of the partial edge; a full tile is never written twice. */
export async function putTiles(db: Executor, tiles: readonly StoredTile[]): Promise<void> {
  const upsert = ` on conflict (level, tile_index) do update set width = excluded.width, data = excluded.data
    where log_tiles.width < 256`;
  const fast = await onSqlite(db, (prepare) =>
    runMany(
      prepare,
      (count) => `insert into log_tiles (level, tile_index, width, data) values ${values(4, count)}${upsert}`,
      tiles,
      (tile, out) => out.push(tile.level, tile.index, tile.width, tile.data.toString('base64')),
    ),
  );
  if (fast !== undefined) return;
  for (const tile of tiles) {
    await db
      .insertInto('log_tiles')
      .values({ level: tile.level, tile_index: tile.index, width: tile.width, data: tile.data.toString('base64') })
      .onConflict((oc) =>
        oc
          .columns(['level', 'tile_index'])
          .doUpdateSet((eb) => ({ width: eb.ref('excluded.width'), data: eb.ref('excluded.data') }))
          .where('log_tiles.width', '<', 256),
      )
      .execute();
  }
}
