import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logging/logger.ts';
import { NodeSqliteDialect } from './node-sqlite/node-sqlite-dialect.ts';
import type { Database } from './schema.ts';

type Engine = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  close(): Promise<void>;
}

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/**
 * The database holds every declarant's words: only its owner may read it. SQLite gives the -wal and
 * -shm files the mode of the database file, so creating that one 0600 (and tightening one made
 * before) covers all three, whatever the umask.
 */
function ownerOnlyFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      chmodSync(file, 0o600);
    } catch (error) {
      // Missing, or someone else's file: nothing this process can tighten.
      if (!['ENOENT', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  }
}

/** How long SQLite's busy handler blocks a thread in one try for the write lock. */
export const BUSY_TIMEOUT_MS = 20;

/** Opens a SQLite file with the settings every acknowledged write relies on. */
export function openSqliteFile(path: string): DatabaseSync {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    ownerOnlyFile(path);
  }
  const database = new DatabaseSync(path);
  database.exec('PRAGMA journal_mode = WAL');
  // FULL: a commit is on disk before we answer, even if the machine loses power.
  database.exec('PRAGMA synchronous = FULL');
  database.exec('PRAGMA foreign_keys = ON');
  // Each try for another connection's write lock blocks this thread only briefly; the driver tries
  // again without blocking until LOCK_WAIT_MS (node-sqlite-driver.ts): a long busy_timeout on the
  // server's connection stalled every request behind a long writer (docs/performance.md).
  database.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Statement journals and sort files in memory: no declarant's words in a temporary file, and no
  // open, write and unlink of one in every intake commit (an insert that may roll back alone needs one).
  database.exec('PRAGMA temp_store = MEMORY');
  // Checkpoint at ten times SQLite's default WAL size: a checkpoint runs inside some commit (and
  // fsyncs the database file), so fewer, larger ones cut both the pauses and the pages written twice.
  database.exec('PRAGMA wal_autocheckpoint = 10000');
  return database;
}

export function createDatabase(databaseUrl: string, options: { poolSize?: number; logger?: Logger } = {}): DatabaseHandle {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    const db = new Kysely<Database>({ dialect: new NodeSqliteDialect(() => openSqliteFile(path)) });
    return { db, engine: 'sqlite', close: () => db.destroy() };
  }
  // Counts and sums stay below 2^53, so numbers are safe and simpler than strings.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === PG_INT8 || oid === PG_NUMERIC ? Number : pg.types.getTypeParser(oid, format),
  };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10, types });
  // An idle connection the server closed (restart, failover) is dropped from the pool and the next
  // query opens a new one; without a listener, pg would crash the process with an uncaught error.
  pool.on('error', (error) =>
    options.logger?.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool opens a new one when needed'),
  );
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}
