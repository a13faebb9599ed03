import type { Kysely } from 'kysely';
import { lockCounters } from '../../db/engine.ts';
import type { Database } from '../../db/schema.ts';
import { aliasKey } from '../../domain/declaration/alias-key.ts';
import { hashQueryPassword } from '../../domain/declaration/query-password.ts';
import { dayFinder, readLegacyPost, wallTimeFinder, type LegacyPost, type PostProblem } from '../../domain/history/legacy-post.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { DeclarationsRepository, ImportedDeclaration } from '../../repositories/declarations/index.ts';
import type { HistoryRepository } from '../../repositories/history-repository.ts';
import { openPostFile, readPostLines, type FileProblem } from './post-source.ts';

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
}

export type PostImportResult = { ok: true; report: PostImportReport } | { ok: false; problem: FileProblem };

const BATCH_LINES = 5_000;

interface Pending {
  line: number;
  post: LegacyPost;
}

/**
 * Imports the old archive's posts (docs/history.md, part B), a batch of lines per transaction, each
 * under the counters' lock and with the file's progress row, so a run stopped at any point goes on
 * from the last committed batch and a run of a finished file writes nothing. A line that is refused
 * writes nothing; so does a post whose number or legacy id another post of the archive holds already.
 */
export function createPostImport({ db, declarations, history, audit, receiptKey, timeZone, now }: PostImportDeps) {
  const toImported = (post: LegacyPost): ImportedDeclaration => ({
    legacyId: post.legacyId,
    registrationNumber: post.registrationNumber,
    passwordHash: post.password === null ? '' : hashQueryPassword(receiptKey, post.registrationNumber, post.password),
    names: post.names,
    headcount: post.headcount,
    orgs: post.orgs,
    title: post.title,
    region: post.region,
    statement: post.statement,
    feedback: post.feedback,
    featured: post.featured,
    publishedAt: post.publishedAt,
    countedDay: post.countedDay,
    aliasKey: aliasKey(post.names[0]!),
  });

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
    const context = { timeZone, now: now(), dayOf: dayFinder(timeZone), wallTime: wallTimeFinder(timeZone) };
    const batchLines = options.batchLines ?? BATCH_LINES;
    const reject = (line: number, problems: PostProblem[]) => {
      progress.rejected++;
      options.onReject?.({ line, problems });
    };

    let batch: Pending[] = [];
    // Where the lines read so far end: the byte after them, and the next line's number.
    let batchEnd = { bytes: progress.bytes, next: from.line };
    let batchLinesRead = 0;
    const flush = async (finished: boolean) => {
      const pending = batch;
      batch = [];
      const at = now();
      await db.transaction().execute(async (trx) => {
        await lockCounters(trx);
        const posts = pending.map((entry) => toImported(entry.post));
        const written = await declarations.insertImported(trx, posts, at);
        const skipped = pending.filter((entry) => !written.has(entry.post.registrationNumber));
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
        progress.lines = batchEnd.next - file.start.line;
        progress.bytes = batchEnd.bytes;
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
            finished,
          },
          at,
        );
      });
      options.onProgress?.({ ...progress });
    };

    let finished = true;
    for await (const lines of readPostLines(path, file, from)) {
      for (const source of lines) {
        batchEnd = { bytes: source.end, next: source.next };
        batchLinesRead++;
        if (source.problem) reject(source.line, [source.problem]);
        else {
          const read = readLegacyPost(source.fields!, context);
          if (read.ok) batch.push({ line: source.line, post: read.post });
          else reject(source.line, read.problems);
        }
        if (batchLinesRead >= batchLines) {
          batchLinesRead = 0;
          await flush(false);
          if (options.signal?.aborted) {
            finished = false;
            break;
          }
        }
      }
      if (!finished) break;
    }
    if (finished) await flush(true);
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
