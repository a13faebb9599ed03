import type { DatabaseSync } from 'node:sqlite';
import { deferIndexes, restoreDeferredIndexes } from '../../db/deferred-indexes.ts';
import type { ExclusiveOpen } from '../../db/exclusive-sqlite.ts';
import type { DeclarationsRepository, ImportWriter } from '../../repositories/declarations/index.ts';
import { createPostImport, type PostImportDeps, type PostImportOptions, type PostImportResult } from './post-import.ts';

/** Why a bulk import did not start; nothing was written. */
export type BulkProblem = { code: 'bulk.engine' } | { code: 'bulk.busy' } | { code: 'bulk.notImportOnly' };

export interface BulkImportDeps extends Omit<PostImportDeps, 'db' | 'declarations'> {
  declarations: PostImportDeps['declarations'] & Pick<DeclarationsRepository, 'onlyImported'>;
  /** Opens the registry for this run alone (db/exclusive-sqlite.ts). */
  openExclusive: () => ExclusiveOpen;
  /** The bulk writes on that connection (repositories/declarations/import-rows-sqlite.ts). */
  bulkWriter: (connection: DatabaseSync) => ImportWriter;
}

/**
 * Lines a transaction, and bytes a reader's part, in a bulk run unless told: nobody waits for its
 * lock, so fewer, larger batches spare each batch's fixed work (the counters and carried figures of
 * its days, the progress row, the commit); a part holds a few batches (post-reader-thread.ts).
 */
const BULK_BATCH = { lines: 20_000, partBytes: 16 << 20 };

/** The unique indexes a bulk import keeps: they are what tells a post held already from a new one. */
const KEPT_INDEXES = ['declarations_number_without_serial', 'declarations_legacy_id'];

export type BulkImportResult = PostImportResult | { ok: false; problem: BulkProblem };

/**
 * `history import-posts --bulk`: the same import (post-import.ts: every line checked, refused lines
 * reported, resumable, idempotent by registration number) into a SQLite registry that holds nothing
 * but imported posts, held by this run alone, with the secondary indexes of `declarations` dropped
 * while the rows are written and built once after them, and the rows written through prepared
 * statements (docs/performance.md, "Importing the old archive"). It refuses a registry another
 * process has open (the service running) or that holds statements registered here; while it runs,
 * every other connection is refused. A run stopped builds the indexes before it ends; one killed
 * leaves them noted, and the next start of any command or of the service builds them.
 */
export function createBulkPostImport({ openExclusive, bulkWriter, declarations, ...deps }: BulkImportDeps) {
  return async function importPostsBulk(
    path: string,
    fileName: string,
    options: PostImportOptions & { onIndex?: (name: string) => void },
  ): Promise<BulkImportResult> {
    const opened = openExclusive();
    if (!opened.ok) return { ok: false, problem: { code: opened.reason === 'engine' ? 'bulk.engine' : 'bulk.busy' } };
    const { db, connection, close } = opened.handle;
    try {
      await restoreDeferredIndexes(db, options.onIndex);
      if (!(await declarations.onlyImported(db))) return { ok: false, problem: { code: 'bulk.notImportOnly' } };
      await deferIndexes(db, 'declarations', KEPT_INDEXES);
      const writer = bulkWriter(connection);
      try {
        const importPosts = createPostImport({
          ...deps,
          db,
          declarations: {
            ...declarations,
            insertImported: (trx, rows, grams, at) => declarations.insertImported(trx, rows, grams, at, writer),
            // No statement here has a serial (onlyImported), and none can appear while the registry is
            // held alone; the lookup would read the serials' index, which is dropped.
            issuedSerialRange: async () => null,
          },
        });
        return await importPosts(path, fileName, {
          ...options,
          batchLines: options.batchLines ?? BULK_BATCH.lines,
          partBytes: options.partBytes ?? BULK_BATCH.partBytes,
        });
      } finally {
        await restoreDeferredIndexes(db, options.onIndex);
      }
    } finally {
      await close();
    }
  };
}
