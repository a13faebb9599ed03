import type { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import { openSqliteFile } from './create-db.ts';
import { isSqliteBusy } from './database-busy.ts';
import { sqliteFilePath } from './engine.ts';
import { NodeSqliteDialect } from './node-sqlite/node-sqlite-dialect.ts';
import type { Database } from './schema.ts';

/** A SQLite registry held by this connection alone, for a bulk job (db/deferred-indexes.ts). */
interface ExclusiveSqlite {
  db: Kysely<Database>;
  /** The same connection, for the prepared statements of a bulk path (repositories that take a DatabaseSync). */
  connection: DatabaseSync;
  close(): Promise<void>;
}

export type ExclusiveOpen = { ok: true; handle: ExclusiveSqlite } | { ok: false; reason: 'engine' | 'busy' };

/**
 * Opens a SQLite registry in EXCLUSIVE locking mode and takes the write lock at once. SQLite grants it
 * only while no other connection has the file open (in WAL mode each one holds a shared lock on it):
 * with a service running, or any other command, this answers `busy` and changes nothing. Once taken,
 * every other connection is refused until close, so a bulk job may leave the tables in states no
 * reader should see (indexes dropped) and no writer may race.
 *
 * synchronous NORMAL: in WAL mode a crash loses at most the last commits, never the file's
 * consistency, and a bulk job records its progress in the same commits, so it goes on from where
 * the file says. A large page cache: the job's indexes are read and written far more than once.
 */
export function openExclusiveSqlite(databaseUrl: string): ExclusiveOpen {
  const path = sqliteFilePath(databaseUrl);
  if (path === undefined) return { ok: false, reason: 'engine' };
  const connection = openSqliteFile(path);
  try {
    connection.exec('PRAGMA locking_mode = EXCLUSIVE');
    connection.exec('PRAGMA synchronous = NORMAL');
    connection.exec('PRAGMA cache_size = -524288');
    connection.exec('BEGIN IMMEDIATE');
    // A write is what takes the exclusive lock, and keeps it after the commit.
    connection.exec('UPDATE registration_serials SET next_serial = next_serial WHERE id = 1');
    connection.exec('COMMIT');
  } catch (error) {
    if (connection.isTransaction) connection.exec('ROLLBACK');
    connection.close();
    if (isSqliteBusy(error)) return { ok: false, reason: 'busy' };
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new NodeSqliteDialect(() => connection) });
  return { ok: true, handle: { db, connection, close: () => db.destroy() } };
}
