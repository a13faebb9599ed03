import type { Kysely } from 'kysely';
import { isPostgres, sqliteFilePath } from '../../db/engine.ts';
import type { Database } from '../../db/schema.ts';
import { pingDatabase } from '../../db/storage.ts';
import type { Logger } from '../../logging/logger.ts';
import { registrationSerialsRepository } from '../../repositories/registration-serials-repository.ts';
import { submissionReceiptsRepository } from '../../repositories/submission-receipts-repository.ts';
import { writeSubmissions, type IntakeWriter } from './intake-writer.ts';
import { WorkerIntakeWriter } from './worker-intake-writer.ts';

/**
 * A SQLite file gets a writer thread: SQLite's commit (its fsync, with
 * synchronous=FULL) blocks the thread that runs it, and on the event loop that
 * would stall every reader for as long as the disk takes. PostgreSQL gets one
 * too, for another reason: its commits do not block, but building, sending and
 * reading each batch's statement was a fifth of the event loop's work per
 * submission, and the loop is what one process runs out of first. An in-memory
 * SQLite database cannot be shared with another thread, so it is written in process.
 */
export function createIntakeWriter(databaseUrl: string, db: Kysely<Database>, logger: Logger): IntakeWriter {
  if (sqliteFilePath(databaseUrl) !== undefined) return new WorkerIntakeWriter(databaseUrl, logger);
  if (isPostgres(db)) return new WorkerIntakeWriter(databaseUrl, logger, POSTGRES_BATCHING);
  return {
    write: (declarations) => writeSubmissions(db, declarations),
    reserveSerials: (count) => registrationSerialsRepository.reserve(db, count),
    takeReceipt: (heldId, refHash, at) => submissionReceiptsRepository.takeByReference(db, heldId, refHash, at),
    ready: () => pingDatabase(db),
    close: async () => {},
  };
}

/**
 * Larger batches and fewer of them at once than the SQLite writer's: each batch takes one of the
 * writer thread's connections (intake-writer-worker.ts), and PostgreSQL's cost is per statement and
 * per commit far more than per row. Measured in docs/performance.md ("PostgreSQL group commit").
 */
const POSTGRES_BATCHING = { maxBatch: 64, maxInFlight: 4 } as const;
