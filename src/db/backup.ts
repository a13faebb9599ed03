import { existsSync } from 'node:fs';
import { backup } from 'node:sqlite';
import { openSqliteFile } from './create-db.ts';

export class BackupError extends Error {}

/**
 * An online, consistent copy of a SQLite database through SQLite's backup API:
 * the service keeps running and writing while pages are copied.
 */
export async function backupSqlite(databaseUrl: string, destination: string): Promise<number> {
  if (!databaseUrl.startsWith('sqlite:')) {
    throw new BackupError('db backup copies SQLite databases; for PostgreSQL use pg_dump (see docs/operations.md)');
  }
  const path = databaseUrl.slice('sqlite:'.length);
  if (!existsSync(path)) throw new BackupError(`there is no database at ${path}`);
  if (existsSync(destination)) throw new BackupError(`${destination} already exists; a backup never overwrites a file`);
  const source = openSqliteFile(path);
  try {
    return await backup(source, destination);
  } finally {
    source.close();
  }
}
