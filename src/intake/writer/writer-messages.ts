import type { HeldReceiptRecord } from '../../repositories/submission-receipts-repository.ts';
import type { NewDeclaration, WriteOutcome } from '../../repositories/declarations/index.ts';

/** What the server sends the writer thread. */
export type WriterRequest =
  | { type: 'write'; id: number; declarations: readonly NewDeclaration[] }
  | { type: 'reserve'; id: number; count: number }
  | { type: 'take'; id: number; heldId: string; refHash: string; at: Date }
  /** Is the thread up and its connection answering? */
  | { type: 'ping'; id: number }
  | { type: 'close' };

/** What the writer thread answers, once the batch is committed (or the serials reserved) or has failed. */
export type WriterReply =
  | { type: 'written'; id: number; ids: WriteOutcome[] }
  | { type: 'reserved'; id: number; first: number }
  | { type: 'taken'; id: number; held: HeldReceiptRecord | null }
  | { type: 'pong'; id: number }
  /** `busy`: the database stayed locked by another connection (DatabaseBusyError); nothing was written. */
  | { type: 'failed'; id: number; message: string; busy: boolean };
