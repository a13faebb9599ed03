import type { DatabaseSync } from 'node:sqlite';

/** A page as kept: its bytes and their ETag, and the stamp of what it was rendered from. */
export interface KeptPage {
  stamp: string;
  etag: string;
  body: Uint8Array;
}

/**
 * The pages of one process's file of kept pages (db/kept-pages-file.ts), read and written with
 * statements prepared once: a read is one lookup by key on the main thread.
 *
 * At most `capacity` pages: a page written again gets a new rowid, so the lowest rowids are the
 * pages written longest ago, and those go first.
 */
export function keptPagesRepository(connection: DatabaseSync, capacity: number) {
  const read = connection.prepare('SELECT etag, body FROM pages WHERE key = ? AND stamp = ?');
  const has = connection.prepare('SELECT 1 FROM pages WHERE key = ?');
  const write = connection.prepare('INSERT OR REPLACE INTO pages (key, stamp, etag, body) VALUES (?, ?, ?, ?)');
  const count = connection.prepare('SELECT count(*) AS n FROM pages');
  const dropOldest = connection.prepare('DELETE FROM pages WHERE rowid IN (SELECT rowid FROM pages ORDER BY rowid LIMIT ?)');
  // Counted once, then kept: only this process writes its file.
  let pages = Number((count.get() as { n: number }).n);
  return {
    /** The page kept under `key`, if it was kept under this stamp. */
    get(key: string, stamp: string): Omit<KeptPage, 'stamp'> | undefined {
      return read.get(key, stamp) as Omit<KeptPage, 'stamp'> | undefined;
    },

    put(key: string, page: KeptPage): void {
      // SQLite does not count the row a REPLACE deletes, so whether the key is new is asked first.
      if (has.get(key) === undefined) pages++;
      write.run(key, page.stamp, page.etag, page.body);
      // A tenth at a time, so a full file trims now and then rather than on every write.
      if (pages > capacity) pages -= Number(dropOldest.run(Math.max(1, Math.ceil(capacity / 10))).changes);
    },

    /** Pages kept now. */
    get size(): number {
      return pages;
    },
  };
}

export type KeptPagesRepository = ReturnType<typeof keptPagesRepository>;
