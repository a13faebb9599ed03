import type { Kysely } from 'kysely';
import { isPostgres, sqliteFilePath } from '../../db/engine.ts';
import type { Database } from '../../db/schema.ts';
import { pingDatabase } from '../../db/storage.ts';
import type { Logger } from '../../logging/logger.ts';
import { declarationInserts } from '../../repositories/declarations/inserts.ts';
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
  const postgres = isPostgres(db);
  return {
    // PostgreSQL: a batch without held receipts is one statement, one round trip, one commit; the
    // pool runs a few such batches at once and PostgreSQL flushes their commits together.
    write: (declarations) =>
      postgres && !declarations.some((declaration) => declaration.held)
        ? declarationInserts.insertSubmittedAtOnce(db, declarations)
        : writeSubmissions(db, declarations),
    reserveSerials: (count) => registrationSerialsRepository.reserve(db, count),
    takeReceipt: (heldId, refHash, at) => submissionReceiptsRepository.takeByReference(db, heldId, refHash, at),
    ready: () => pingDatabase(db),
    ...(postgres ? { batching: POSTGRES_BATCHING } : {}),
    close: async () => {},
  };
}

/**
 * Larger batches and fewer of them at once than the SQLite writer's: each batch takes a pooled
 * connection (10 per process, shared with readers), and PostgreSQL's cost is per statement and per
 * commit far more than per row. Measured in docs/performance.md ("PostgreSQL group commit").
 */
const POSTGRES_BATCHING = { maxBatch: 64, maxInFlight: 4 } as const;
