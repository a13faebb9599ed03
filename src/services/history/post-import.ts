import { availableParallelism } from 'node:os';
import type { Kysely } from 'kysely';
import { lockCounters } from '../../db/engine.ts';
import type { Database } from '../../db/schema.ts';
import type { PostProblem } from '../../domain/history/legacy-post.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import { IMPORT_AT, IMPORT_WIDTH, type DeclarationsRepository } from '../../repositories/declarations/index.ts';
import type { HistoryRepository } from '../../repositories/history-repository.ts';
import { readPostBatches, type PostBatch, type PostReading } from './post-batches.ts';
import { withoutNumbersIssuedHere, type IssuedHereDeps } from './issued-here.ts';
import { threadedPostBatches } from './post-reader-thread.ts';
import { openPostFile, type FileProblem } from './post-source.ts';

export interface PostImportDeps extends Omit<IssuedHereDeps, 'declarations'> {
  db: Kysely<Database>;
  declarations: Pick<DeclarationsRepository, 'insertImported' | 'heldImported' | 'numberOfLegacyId' | 'issuedSerialRange' | 'serialsInUse'>;
  history: Pick<HistoryRepository, 'postImport' | 'savePostImport'>;
  audit: AuditRepository;
  /** The key receipts hash their query passwords with. */
  receiptKey: Buffer;
  timeZone: string;
  now: () => Date;
}

export interface PostImportProgress {
  lines: number;
  written: number;
  alreadyHeld: number;
  rejected: number;
  bytes: number;
  size: number;
}

interface PostImportReport extends PostImportProgress {
  /** The line an interrupted earlier run had reached, where this one went on; null for a run from the start. */
  resumedAt: number | null;
  /** False when the run was stopped before the end of the file; running it again goes on. */
  finished: boolean;
}

export interface PostImportOptions {
  actor: string;
  /** Lines per transaction: small enough that the service's own writes wait only briefly. */
  batchLines?: number;
  onProgress?: (progress: PostImportProgress) => void;
  onReject?: (reject: { line: number; problems: PostProblem[] }) => void;
  /** Checked between batches: the run stops after the batch it is in, committed and recorded. */
  signal?: AbortSignal;
  /**
   * From how many bytes left to read the lines are read and checked on a worker thread, beside the
   * writes; a smaller file is read here, where starting the thread would cost more than it saves.
   */
  threadFromBytes?: number;
  /** Threads that read a JSON Lines export, each a part of it at a time (post-reader-thread.ts); one for a CSV. */
  readers?: number;
  /** Bytes of a JSON Lines export each reader takes at a time (post-reader-thread.ts's default when absent). */
  partBytes?: number;
}

export type PostImportResult = { ok: true; report: PostImportReport } | { ok: false; problem: FileProblem };

const BATCH_LINES = 5_000;
const THREAD_FROM_BYTES = 8 << 20;
/** A reader a core: the writer takes less of a core than a reader (docs/performance.md), so it shares one. */
const READERS = availableParallelism();

/**
 * Imports the old archive's posts (docs/history.md, part B), a batch of lines per transaction, each
 * under the counters' lock and with the file's progress row, so a run stopped at any point goes on
 * from the last committed batch and a run of a finished file writes nothing. A line that is refused
 * writes nothing; so does a post whose number or legacy id another post of the archive holds already.
 * A large file is read and checked on a worker thread while the batch before is written.
 */
export function createPostImport({ db, declarations, history, audit, receiptKey, timeZone, now, serialsOf }: PostImportDeps) {
  return async function importPosts(path: string, fileName: string, options: PostImportOptions): Promise<PostImportResult> {
    const opened = await openPostFile(path);
    if (!opened.ok) return opened;
    const file = opened.file;
    const earlier = await history.postImport(db, file.key);
    const resume = earlier && !earlier.finished && earlier.bytesDone > file.start.byte ? earlier : null;
    const progress: PostImportProgress = {
      lines: resume?.linesDone ?? 0,
      written: resume?.written ?? 0,
      alreadyHeld: resume?.alreadyHeld ?? 0,
      rejected: resume?.rejected ?? 0,
      bytes: resume?.bytesDone ?? file.start.byte,
      size: file.size,
    };
    const from = resume ? { byte: resume.bytesDone, line: file.start.line + resume.linesDone } : file.start;
    const reject = (line: number, problems: PostProblem[]) => {
      progress.rejected++;
      options.onReject?.({ line, problems });
    };

    const write = async (read: PostBatch) => {
      const at = now();
      await db.transaction().execute(async (trx) => {
        await lockCounters(trx);
        const { batch, issuedHere } = await withoutNumbersIssuedHere(trx, { declarations, serialsOf }, read);
        for (const line of issuedHere) reject(line, [{ field: 'number', code: 'number.issuedHere' }]);
        const { rows, lines, grams, end, last } = batch;
        const ids = await declarations.insertImported(trx, rows, grams, at);
        const skipped: number[] = [];
        for (let place = 0; place < rows.count; place++) if (ids[place] === 0) skipped.push(place);
        const value = (place: number, column: number) => rows.values[place * IMPORT_WIDTH + column];
        const numberOf = (place: number) => value(place, IMPORT_AT.registration_number) as string;
        const held = await declarations.heldImported(trx, skipped.map(numberOf));
        for (const place of skipped) {
          const registrationNumber = numberOf(place);
          // Held already as this very post (a run again, or a repeated line): nothing to do.
          if (held.get(registrationNumber) === value(place, IMPORT_AT.legacy_id)) progress.alreadyHeld++;
          else {
            reject(lines[place]!, [
              held.has(registrationNumber)
                ? { field: 'number', code: 'number.taken', params: { id: held.get(registrationNumber)! } }
                : { field: 'id', code: 'legacyId.taken' },
            ]);
          }
        }
        progress.written += rows.count - skipped.length;
        progress.lines = end.next - file.start.line;
        progress.bytes = end.bytes;
        await history.savePostImport(
          trx,
          {
            fileKey: file.key,
            fileName,
            bytesDone: progress.bytes,
            linesDone: progress.lines,
            written: progress.written,
            alreadyHeld: progress.alreadyHeld,
            rejected: progress.rejected,
            finished: last,
          },
          at,
        );
      });
      options.onProgress?.({ ...progress });
    };

    const reading: PostReading = {
      path,
      file,
      from,
      batchLines: options.batchLines ?? BATCH_LINES,
      timeZone,
      now: now(),
      receiptKey,
    };
    const threaded = file.size - from.byte >= (options.threadFromBytes ?? THREAD_FROM_BYTES);
    let finished = false;
    const batches = threaded ? threadedPostBatches(reading, options.readers ?? READERS, options.partBytes) : readPostBatches(reading);
    for await (const batch of batches) {
      for (const { line, problems } of batch.rejects) reject(line, problems);
      await write(batch);
      finished = batch.last;
      if (!finished && options.signal?.aborted) break;
    }
    await audit.append(db, {
      at: now(),
      actorId: null,
      actor: options.actor,
      action: 'history.postsImported',
      targetType: 'history_post_imports',
      targetId: file.key.slice(0, 16),
      details: { file: fileName, ...progress, finished, resumedAt: resume ? from.line : null },
    });
    return { ok: true, report: { ...progress, resumedAt: resume ? from.line : null, finished } };
  };
}
