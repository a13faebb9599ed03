import { closeSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** Where each server process keeps the public pages it rendered, one file each, under the data dir. */
export const KEPT_PAGES_DIR = 'kept-pages';

/** A process's file of kept pages: the connection, and how to close and remove it. */
export interface KeptPagesFile {
  readonly connection: DatabaseSync;
  readonly path: string;
  close(): void;
}

const FILE = /^pages-(.+)-(\d+)\.sqlite$/;

/**
 * Opens a new, empty file of kept pages for this process (repositories/kept-pages-repository.ts):
 * `<data dir>/kept-pages/pages-<host>-<pid>.sqlite`, removed again by close().
 *
 * One file per process, never shared and never carried over a restart: what a page looks like is
 * the code's, so a page kept by another release must not be served, and a process alone with its
 * file needs no locks. The files of this host's processes that are gone (a crash, a kill) are
 * removed here; another host's, on a shared data dir, are left to that host.
 *
 * It is a cache of public pages, rebuilt as they are asked for: its journal in memory (node:sqlite's
 * defensive mode refuses none), no sync, a small page cache (the kernel's holds the file). Pages of 16 KB hold a whole page in one or two.
 */
export function openKeptPagesFile(dataDir: string, pid = process.pid): KeptPagesFile {
  const dir = join(dataDir, KEPT_PAGES_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const host = hostname().replace(/[^A-Za-z0-9.]/g, '_');
  for (const name of readdirSync(dir)) {
    const match = FILE.exec(name);
    if (match && match[1] === host && (Number(match[2]) === pid || !alive(Number(match[2])))) rmSync(join(dir, name), { force: true });
  }
  const path = join(dir, `pages-${host}-${pid}.sqlite`);
  // Readable by the owner only, as every file under the data dir.
  closeSync(openSync(path, 'w', 0o600));
  const connection = new DatabaseSync(path);
  connection.exec('PRAGMA page_size = 16384');
  connection.exec('PRAGMA journal_mode = MEMORY');
  connection.exec('PRAGMA synchronous = OFF');
  connection.exec('PRAGMA locking_mode = EXCLUSIVE');
  connection.exec('PRAGMA cache_size = -2048');
  connection.exec('PRAGMA temp_store = MEMORY');
  connection.exec('CREATE TABLE pages (key TEXT PRIMARY KEY, stamp TEXT NOT NULL, etag TEXT NOT NULL, body BLOB NOT NULL)');
  return {
    connection,
    path,
    close() {
      if (connection.isOpen) connection.close();
      rmSync(path, { force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a live process of another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
