import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { backup } from 'node:sqlite';
import { openSqliteFile } from '../db/create-db.ts';

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
  // Made here, empty and readable by the owner only, before SQLite writes into it: a backup holds
  // what the database holds. 'wx' also refuses a file that appeared since the check above.
  try {
    closeSync(openSync(destination, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new BackupError(`${destination} already exists; a backup never overwrites a file`);
    throw error;
  }
  const source = openSqliteFile(path);
  try {
    return await backup(source, destination);
  } catch (error) {
    rmSync(destination, { force: true });
    throw error;
  } finally {
    source.close();
  }
}
