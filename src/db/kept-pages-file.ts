import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** Where each server process keeps the public pages it rendered, one file each, under the data dir. */
export const KEPT_PAGES_DIR = 'kept-pages';

/**
 * Opens a new, empty file of kept pages for this process (repositories/kept-pages-repository.ts)
 * under `<data dir>/kept-pages/`, and removes its name at once: the process holds it open alone,
 * and the kernel frees its space when the connection closes or the process ends, however it ends.
 * So nothing is left to sweep after a crash, no other process (on this host or another, in a
 * container with the same pid or not) can open it, and a page is never served by another release.
 *
 * It is a cache of public pages, rebuilt as they are asked for: its journal in memory (node:sqlite's
 * defensive mode refuses none), no sync, a small page cache (the kernel's holds the file), pages of
 * 16 KB (a page of the archive in one or two), and what is deleted or replaced overwritten with
 * zeros, so an old page of a retracted declaration does not linger in free pages.
 */
export function openKeptPagesFile(dataDir: string): DatabaseSync {
  const dir = join(dataDir, KEPT_PAGES_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `pages-${randomUUID()}.sqlite`);
  // Readable by the owner only, as every file under the data dir.
  closeSync(openSync(path, 'wx', 0o600));
  try {
    const connection = new DatabaseSync(path);
    try {
      connection.exec('PRAGMA page_size = 16384');
      connection.exec('PRAGMA journal_mode = MEMORY');
      connection.exec('PRAGMA synchronous = OFF');
      // Held by this connection alone: SQLite takes no file lock per statement, and never looks for the name again.
      connection.exec('PRAGMA locking_mode = EXCLUSIVE');
      connection.exec('PRAGMA secure_delete = ON');
      connection.exec('PRAGMA cache_size = -2048');
      connection.exec('CREATE TABLE pages (key TEXT PRIMARY KEY, stamp TEXT NOT NULL, etag TEXT NOT NULL, body BLOB NOT NULL)');
      return connection;
    } catch (error) {
      connection.close();
      throw error;
    }
  } finally {
    rmSync(path, { force: true });
  }
}
