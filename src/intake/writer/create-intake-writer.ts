import type { Kysely } from 'kysely';
import { sqliteFilePath } from '../../db/engine.ts';
import type { Database } from '../../db/schema.ts';
import type { Logger } from '../../logging/logger.ts';
import { registrationSerialsRepository } from '../../repositories/registration-serials-repository.ts';
import { submissionReceiptsRepository } from '../../repositories/submission-receipts-repository.ts';
import { writeSubmissions, type IntakeWriter } from './intake-writer.ts';
import { WorkerIntakeWriter } from './worker-intake-writer.ts';

/**
 * A SQLite file gets a writer thread: SQLite's commit (its fsync, with
 * synchronous=FULL) blocks the thread that runs it, and on the event loop that
 * would stall every reader for as long as the disk takes. PostgreSQL commits
 * asynchronously already, and an in-memory SQLite database cannot be shared
 * with another thread, so both write in process.
 */
export function createIntakeWriter(databaseUrl: string, db: Kysely<Database>, logger: Logger): IntakeWriter {
  if (sqliteFilePath(databaseUrl) !== undefined) return new WorkerIntakeWriter(databaseUrl, logger);
  return {
    write: (declarations) => writeSubmissions(db, declarations),
    reserveSerials: (count) => registrationSerialsRepository.reserve(db, count),
    takeReceipt: (heldId, refHash, at) => submissionReceiptsRepository.takeByReference(db, heldId, refHash, at),
    close: async () => {},
  };
}
