import type { Executor } from './executor.ts';

/** The two rows of `public_pages_version` (migrations 0009 and 0035). */
export interface PublicPagesVersion {
  /** Every change to a published declaration, and imports of published posts. */
  rows: number;
  /** Statements given their leaves in the transparency log. */
  proofs: number;
}

/**
 * Moves one row of the version: 1 for published rows, 2 for proofs. Late in a transaction, after the
 * counters' rows, as the trigger takes it at commit: the same order everywhere closes no deadlock.
 */
export async function touchPublicPagesVersion(db: Executor, id: 1 | 2): Promise<void> {
  await db
    .updateTable('public_pages_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}
