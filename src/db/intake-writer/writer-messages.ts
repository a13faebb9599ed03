import type { NewDeclaration } from '../../repositories/submissions-repository.ts';

/** What the server sends the writer thread. */
export type WriterRequest =
  | { type: 'write'; id: number; declarations: readonly NewDeclaration[] }
  | { type: 'reserve'; id: number; count: number }
  | { type: 'close' };

/** What the writer thread answers, once the batch is committed (or the serials reserved) or has failed. */
export type WriterReply =
  | { type: 'written'; id: number; ids: (number | null)[] }
  | { type: 'reserved'; id: number; first: number }
  /** `busy`: the database stayed locked by another connection (DatabaseBusyError); nothing was written. */
  | { type: 'failed'; id: number; message: string; busy: boolean };
