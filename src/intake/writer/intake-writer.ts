import type { Kysely } from 'kysely';
import type { HeldReceiptRecord } from '../../repositories/submission-receipts-repository.ts';
// The inserts alone, not the whole repository: this thread need not load the search index or script conversion.
import { declarationInserts } from '../../repositories/declarations/inserts.ts';
import type { NewDeclaration, WriteOutcome } from '../../repositories/declarations/index.ts';
import type { Database } from '../../db/schema.ts';

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
  /** Resolves when the writer (its thread, its connection) takes work; rejects otherwise. For /readyz. */
  ready(): Promise<void>;
  /** How group commit should feed this writer; the service's defaults when absent. */
  readonly batching?: { readonly maxBatch: number; readonly maxInFlight: number };
  close(): Promise<void>;
}

/** The one transaction every writer runs, in this thread or in the writer thread. */
export function writeSubmissions(db: Kysely<Database>, declarations: readonly NewDeclaration[]): Promise<WriteOutcome[]> {
  return db.transaction().execute((trx) => declarationInserts.insertSubmitted(trx, declarations));
}
