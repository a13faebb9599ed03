import { rmSync } from 'node:fs';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { RecomputedCounter } from '../../repositories/counter-repository.ts';
import { openSqliteFile } from '../../db/create-db.ts';
import { BatchDecoder } from './seed-batch.ts';
import type { SeedPlan } from './seed-generator.ts';
import type { SeedProgress } from './seed-progress.ts';
import { POST_COLUMN_KINDS, POST_COLUMNS, SHARED_VALUES } from './seed-rows.ts';
import { SeedThread } from './seed-thread.ts';

// Rows per insert: each call into SQLite costs more than binding a few more values.
const ROWS_PER_STATEMENT = 50;
// Rows per message from the worker, and per transaction.
const ROWS_PER_BATCH = ROWS_PER_STATEMENT * 100;
/**
 * CREATE INDEX sorts in runs of cache_size bytes; with helper threads it sorts
 * several runs at once, on whatever core the worker leaves free. Small runs
 * sorted by two threads build the indexes about twice as fast as one large
 * run (docs/performance.md, "Measurements behind the code").
 */
const SORTER_THREADS = 2;
const SORTER_CACHE = -32_768;

/** Each row's id and POST_COLUMNS are parameters, the shared values literals. */
const COLUMNS = ['id', ...POST_COLUMNS];

function sqlLiteral(value: string | number): string {
  return typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
}

/**
 * Inserts `rows` rows. Ids are explicit: the search grams written alongside name them before
 * the rows exist. (Each row binds its own: ids computed in SQL from one parameter, `?1 + n`,
 * made inserting ten times slower.) Written here, not through declarationsRepository: an operator's
 * benchmark tool, its speed the point (declaration-writes.test.ts allows it).
 */
function insertStatement(database: DatabaseSync, rows: number): StatementSync {
  const shared = Object.entries(SHARED_VALUES);
  const row = `(${[...COLUMNS.map(() => '?'), ...shared.map(([, value]) => sqlLiteral(value))].join(', ')})`;
  return database.prepare(
    `insert into declarations (${[...COLUMNS, ...shared.map(([column]) => column)].join(', ')}) values ${Array(rows).fill(row).join(', ')}`,
  );
}

interface Index {
  name: string;
  sql: string;
}

/** The rows the worker sends, a transaction per batch. */
async function insertPosts(database: DatabaseSync, thread: SeedThread, posts: number, onProgress: (progress: SeedProgress) => void) {
  const insertMany = insertStatement(database, ROWS_PER_STATEMENT);
  const decoder = new BatchDecoder(POST_COLUMN_KINDS);
  for (let written = 0; written < posts; ) {
    const { batch } = await thread.expect('rows');
    const { rows } = decoder.read(batch);
    const whole = batch.rows - (batch.rows % ROWS_PER_STATEMENT);
    database.exec('BEGIN');
    for (let start = 0; start < whole; start += ROWS_PER_STATEMENT) insertMany.run(...rows(start, start + ROWS_PER_STATEMENT));
    if (whole < batch.rows) insertStatement(database, batch.rows - whole).run(...rows(whole, batch.rows));
    database.exec('COMMIT');
    thread.batchDone();
    written += batch.rows;
    onProgress({ phase: 'posts', done: written, total: posts });
  }
}

function buildIndexes(database: DatabaseSync, indexes: readonly Index[], onProgress: (progress: SeedProgress) => void): void {
  onProgress({ phase: 'indexes', done: 0, total: indexes.length });
  database.exec(`PRAGMA threads = ${SORTER_THREADS}`);
  database.exec(`PRAGMA cache_size = ${SORTER_CACHE}`);
  for (const [built, index] of indexes.entries()) {
    database.exec(index.sql);
    onProgress({ phase: 'indexes', done: built + 1, total: indexes.length });
  }
}

/**
 * The SQLite fast path. Generating runs on a worker thread and inserting here,
 * each on its own core; synchronous=OFF while seeding (synthetic data, rebuilt
 * if a crash interrupts it; the service's own connections always use FULL).
 * Into an empty registry it also keeps the journal in memory instead of the
 * WAL, builds the secondary indexes once after the rows (several times faster
 * than row by row), and copies in the search grams that the worker wrote to a
 * file of their own while the indexes were being built. Returns what the
 * counters must say, and whether search_grams is complete.
 */
export async function seedSqlite(
  path: string,
  plan: SeedPlan,
  onProgress: (progress: SeedProgress) => void,
): Promise<{ counts: RecomputedCounter; searchIndexed: boolean }> {
  const database = openSqliteFile(path);
  const gramsPath = `${path}.seed-grams-${process.pid}`;
  let thread: SeedThread | null = null;
  let dropped: Index[] = [];
  try {
    database.exec('PRAGMA synchronous = OFF');
    database.exec('PRAGMA cache_size = -262144');
    // Ids as AUTOINCREMENT would give them: after every id the table has ever had.
    const { idBase, empty } = database
      .prepare(
        `select max(coalesce((select max(id) from declarations), 0),
                    coalesce((select seq from sqlite_sequence where name = 'declarations'), 0)) as idBase,
                not exists (select 1 from declarations) and not exists (select 1 from search_grams) as empty`,
      )
      .get() as { idBase: number; empty: number };
    let gramsTable: string | null = null;
    if (empty) {
      // Only for an empty table, so a live registry is never left without its indexes.
      dropped = database
        .prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'declarations' and sql is not null")
        .all() as unknown as Index[];
      for (const index of dropped) database.exec(`DROP INDEX ${index.name}`);
      // An empty registry being seeded has nothing to protect: skip the WAL's double write. (Not
      // OFF, which node:sqlite's defensive mode refuses, silently.)
      database.exec('PRAGMA journal_mode = MEMORY');
      gramsTable = (
        database.prepare("select sql from sqlite_master where type = 'table' and name = 'search_grams'").get() as { sql: string }
      ).sql;
    }

    onProgress({ phase: 'posts', done: 0, total: plan.posts });
    thread = new SeedThread({
      plan,
      idBase,
      rowsPerBatch: ROWS_PER_BATCH,
      batchesAhead: 4,
      grams: gramsTable === null ? null : { path: gramsPath, tableSql: gramsTable },
    });
    await insertPosts(database, thread, plan.posts, onProgress);
    const { counts } = await thread.expect('counts');
    if (dropped.length > 0) {
      buildIndexes(database, dropped, onProgress);
      dropped = [];
    }
    if (gramsTable !== null) {
      const indexed = counts.daily.reduce((sum, day) => sum + day.declarations, 0);
      onProgress({ phase: 'search', done: 0, total: indexed });
      await thread.expect('grams-written');
      database.prepare('ATTACH ? AS seed_grams').run(gramsPath);
      // Same definition, empty destination: SQLite copies the records as they are, in key order.
      database.exec('INSERT INTO main.search_grams SELECT * FROM seed_grams.search_grams');
      database.exec('DETACH seed_grams');
      onProgress({ phase: 'search', done: indexed, total: indexed });
    }
    database.exec('PRAGMA journal_mode = WAL');
    return { counts, searchIndexed: gramsTable !== null };
  } finally {
    await thread?.stop();
    // After a failure, the rows so far keep their indexes.
    if (database.isTransaction) database.exec('ROLLBACK');
    for (const index of dropped) database.exec(index.sql.replace(/^create index/i, 'CREATE INDEX IF NOT EXISTS'));
    database.close();
    rmSync(gramsPath, { force: true });
  }
}
