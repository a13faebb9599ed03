import type { Kysely } from 'kysely';
import { lockCounters } from '../../db/engine.ts';
import type { Database } from '../../db/schema.ts';
import type { PostProblem } from '../../domain/history/legacy-post.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { DeclarationsRepository } from '../../repositories/declarations/index.ts';
import type { HistoryRepository } from '../../repositories/history-repository.ts';
import { readPostBatches, type PostBatch, type PostReading } from './post-batches.ts';
import { threadedPostBatches } from './post-reader-thread.ts';
import { openPostFile, type FileProblem } from './post-source.ts';

export interface PostImportDeps {
  db: Kysely<Database>;
  declarations: Pick<DeclarationsRepository, 'insertImported' | 'heldImported' | 'numberOfLegacyId'>;
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
}

export type PostImportResult = { ok: true; report: PostImportReport } | { ok: false; problem: FileProblem };

const BATCH_LINES = 5_000;
const THREAD_FROM_BYTES = 8 << 20;

/**
 * Imports the old archive's posts (docs/history.md, part B), a batch of lines per transaction, each
 * under the counters' lock and with the file's progress row, so a run stopped at any point goes on
 * from the last committed batch and a run of a finished file writes nothing. A line that is refused
 * writes nothing; so does a post whose number or legacy id another post of the archive holds already.
 * A large file is read and checked on a worker thread while the batch before is written.
 */
export function createPostImport({ db, declarations, history, audit, receiptKey, timeZone, now }: PostImportDeps) {
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

    const write = async ({ posts, grams, end, last }: PostBatch) => {
      const at = now();
      await db.transaction().execute(async (trx) => {
        await lockCounters(trx);
        const written = await declarations.insertImported(
          trx,
          posts.map((entry) => entry.post),
          grams,
          at,
        );
        const skipped = posts.filter((entry) => !written.has(entry.post.registrationNumber));
        const held = await declarations.heldImported(
          trx,
          skipped.map((entry) => entry.post.registrationNumber),
        );
        for (const entry of skipped) {
          const { registrationNumber, legacyId } = entry.post;
          // Held already as this very post (a run again, or a repeated line): nothing to do.
          if (held.get(registrationNumber) === legacyId) progress.alreadyHeld++;
          else {
            reject(entry.line, [
              held.has(registrationNumber)
                ? { field: 'number', code: 'number.taken', params: { id: held.get(registrationNumber)! } }
                : { field: 'id', code: 'legacyId.taken' },
            ]);
          }
        }
        progress.written += written.size;
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
    for await (const batch of threaded ? threadedPostBatches(reading) : readPostBatches(reading)) {
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
