import { copyFileSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';

/**
 * Declarations in a SQLite database file alone, as if its WAL were lost: what checkpoints have copied.
 * 0 while not even the schema has been copied.
 */
function declarationsInDatabaseFile(path: string): number {
  const copy = `${path}.without-wal`;
  copyFileSync(path, copy);
  const database = new DatabaseSync(copy, { readOnly: true });
  try {
    const table = database.prepare("select 1 from sqlite_master where name = 'declarations'").get();
    return table ? (database.prepare('select count(*) as n from declarations').get() as { n: number }).n : 0;
  } finally {
    database.close();
    rmSync(copy);
  }
}

/** The count, or -1 for a copy taken while a checkpoint was writing pages into the file (torn, so unreadable). */
function declarationsInFileOrTorn(path: string): number {
  try {
    return declarationsInDatabaseFile(path);
  } catch (error) {
    if ((error as { errcode?: number }).errcode === SQLITE_CORRUPT) return -1;
    throw error;
  }
}

const SQLITE_CORRUPT = 11;

/** Waits until the database file alone holds `expected` declarations, or the time is up; returns the last count. */
export async function waitForDeclarationsInDatabaseFile(path: string, expected: number, timeoutMs = 5_000): Promise<number> {
  let copied = declarationsInFileOrTorn(path);
  for (let waited = 0; copied < expected && waited < timeoutMs; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    copied = declarationsInFileOrTorn(path);
  }
  return copied;
}
