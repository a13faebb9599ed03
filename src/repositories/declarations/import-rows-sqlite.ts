import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { IMPORT_COLUMNS, IMPORT_WIDTH, SHARED_IMPORT_VALUES, type ImportWriter } from './import-rows.ts';

/**
 * Rows per INSERT on the bulk path: each call into SQLite costs more than binding a few more values
 * (the seeder's measure, tools/seed/seed-sqlite.ts), and 50 rows of 19 values stay far under its limit.
 */
const ROWS_PER_STATEMENT = 50;
const GRAMS_PER_STATEMENT = 500;

const literal = (value: string | number) => (typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`);

/**
 * The import's writes for a SQLite registry held by this connection alone (db/exclusive-sqlite.ts),
 * as prepared statements of node:sqlite, without Kysely in between: the bulk path of `history
 * import-posts --bulk` (docs/performance.md, "Importing the old archive"). The ids are given, from
 * one past the highest the table has had (nobody else writes while the connection holds it), so the
 * rows need no RETURNING: a post is written unless its number or legacy id is held already, which
 * the two unique indexes kept during a bulk import tell (ON CONFLICT DO NOTHING), and which only the
 * rare statement that wrote fewer rows than it had has to look up.
 */
export function sqliteBulkImportWriter(connection: DatabaseSync): ImportWriter {
  const shared = Object.entries(SHARED_IMPORT_VALUES);
  const columns = ['id', ...IMPORT_COLUMNS, ...shared.map(([column]) => column)].join(', ');
  const row = `(${['?', ...IMPORT_COLUMNS.map(() => '?'), ...shared.map(([, value]) => literal(value))].join(', ')})`;
  const inserts = new Map<number, StatementSync>();
  const insert = (rows: number) => {
    let statement = inserts.get(rows);
    if (!statement) {
      statement = connection.prepare(
        `insert into declarations (${columns}) values ${Array(rows).fill(row).join(', ')} on conflict do nothing`,
      );
      inserts.set(rows, statement);
    }
    return statement;
  };
  const pairs = new Map<number, StatementSync>();
  const insertGrams = (count: number) => {
    let statement = pairs.get(count);
    if (!statement) {
      statement = connection.prepare(`insert into search_grams (gram, declaration_id) values ${Array(count).fill('(?, ?)').join(', ')}`);
      pairs.set(count, statement);
    }
    return statement;
  };
  const nextId = connection.prepare(
    `select max(coalesce((select max(id) from declarations), 0),
                coalesce((select seq from sqlite_sequence where name = 'declarations'), 0)) + 1 as id`,
  );
  const present = connection.prepare('select id from declarations where id between ? and ?');
  const enqueue = connection.prepare(
    'insert into log_queue (declaration_id) select id from declarations where id between ? and ? order by id',
  );

  return {
    async insertRows(_db, rows) {
      const ids = new Float64Array(rows.count);
      let next = (nextId.get() as { id: number }).id;
      const parameters: SQLInputValue[] = new Array((IMPORT_WIDTH + 1) * ROWS_PER_STATEMENT);
      for (let start = 0; start < rows.count; start += ROWS_PER_STATEMENT) {
        const count = Math.min(ROWS_PER_STATEMENT, rows.count - start);
        if (parameters.length !== (IMPORT_WIDTH + 1) * count) parameters.length = (IMPORT_WIDTH + 1) * count;
        let to = 0;
        for (let place = start; place < start + count; place++) {
          parameters[to++] = next + place - start;
          const base = place * IMPORT_WIDTH;
          for (let column = 0; column < IMPORT_WIDTH; column++) parameters[to++] = rows.values[base + column]!;
        }
        const { changes } = insert(count).run(...parameters);
        if (Number(changes) === count) {
          for (let place = start; place < start + count; place++) ids[place] = next + place - start;
        } else {
          // Some were held already: the ids the table has tell which were written.
          const held = new Set((present.all(next, next + count - 1) as { id: number }[]).map((found) => found.id));
          for (let place = start; place < start + count; place++) if (held.has(next + place - start)) ids[place] = next + place - start;
        }
        next += count;
      }
      return ids;
    },

    async insertGrams(_db, grams, ids) {
      const parameters: SQLInputValue[] = [];
      for (let start = 0; start < grams.length; start += GRAMS_PER_STATEMENT) {
        const count = Math.min(GRAMS_PER_STATEMENT, grams.length - start);
        parameters.length = count * 2;
        for (let at = 0; at < count; at++) {
          parameters[at * 2] = grams[start + at]!;
          parameters[at * 2 + 1] = ids[start + at]!;
        }
        insertGrams(count).run(...parameters);
      }
    },

    async enqueueLog(_db, ids) {
      // The ids written by a batch are one range, in order: the gaps of posts held already have no row.
      if (ids.length > 0) enqueue.run(ids[0]!, ids.at(-1)!);
    },
  };
}
