import type { Kysely } from 'kysely';
import { registrationSerialsRepository } from '../../repositories/registration-serials-repository.ts';
import { submissionReceiptsRepository, type HeldReceiptRecord } from '../../repositories/submission-receipts-repository.ts';
import { submissionsRepository, type NewDeclaration, type WriteOutcome } from '../../repositories/submissions-repository.ts';
import type { Database } from '../schema.ts';
import { WorkerIntakeWriter } from './worker-intake-writer.ts';

/**
 * Commits batches of public submissions: one transaction, one durable commit
 * per batch. Each entry of the answer is the new id, null where the
 * registration number was taken (the caller draws a new one), or 'repeated'
 * where the submission's token was used before.
 */
export interface IntakeWriter {
  write(declarations: readonly NewDeclaration[]): Promise<WriteOutcome[]>;
  /**
   * Reserves registration serials (see services/registration-numbers.ts) on the writer's
   * connection: on SQLite a write on the server's connection would wait for the disk on the event loop.
   */
  reserveSerials(count: number): Promise<number>;
  /** Uses up a receipt page's reference (a write, so on the writer's connection for the same reason). */
  takeReceipt(heldId: string, refHash: string, at: Date): Promise<HeldReceiptRecord | null>;
  close(): Promise<void>;
}

/** The one transaction every writer runs, in this thread or in the writer thread. */
export function writeSubmissions(db: Kysely<Database>, declarations: readonly NewDeclaration[]): Promise<WriteOutcome[]> {
  return db.transaction().execute((trx) => submissionsRepository.insertSubmitted(trx, declarations));
}

/**
 * A SQLite file gets a writer thread: SQLite's commit (its fsync, with
 * synchronous=FULL) blocks the thread that runs it, and on the event loop that
 * would stall every reader for as long as the disk takes. PostgreSQL commits
 * asynchronously already, and an in-memory SQLite database cannot be shared
 * with another thread, so both write in process.
 */
export function createIntakeWriter(databaseUrl: string, db: Kysely<Database>): IntakeWriter {
  if (databaseUrl.startsWith('sqlite:') && databaseUrl !== 'sqlite::memory:') return new WorkerIntakeWriter(databaseUrl);
  return {
    write: (declarations) => writeSubmissions(db, declarations),
    reserveSerials: (count) => registrationSerialsRepository.reserve(db, count),
    takeReceipt: (heldId, refHash, at) => submissionReceiptsRepository.takeByReference(db, heldId, refHash, at),
    close: async () => {},
  };
}
