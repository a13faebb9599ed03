import type { Executor } from './executor.ts';

/** The two rows of `public_pages_version` (migrations 0009 and 0035). */
export interface PublicPagesVersion {
  /** Every change to a published declaration, and imports of published posts. */
  rows: number;
  /** Statements given their leaves in the transparency log. */
  proofs: number;
}

/** The row of each part of the version. */
const ROW_ID = { rows: 1, proofs: 2 } as const;

/**
 * `rows` goes up with every change to a published declaration, made by any process (migration 0009),
 * and after posts are imported; `proofs` when the transparency log gives statements leaves (0035).
 */
export async function readPublicPagesVersion(db: Executor): Promise<PublicPagesVersion> {
  const rows = await db
    .selectFrom('public_pages_version')
    .select(['id', 'version'])
    .where('id', 'in', [ROW_ID.rows, ROW_ID.proofs])
    .execute();
  const of = (id: number) => Number(rows.find((row) => row.id === id)?.version ?? 0);
  return { rows: of(ROW_ID.rows), proofs: of(ROW_ID.proofs) };
}

/**
 * Moves one part of the version. Late in a transaction, after the counters' rows, as the trigger
 * takes it at commit: the same order everywhere closes no deadlock.
 */
export async function touchPublicPagesVersion(db: Executor, part: keyof PublicPagesVersion): Promise<void> {
  await db
    .updateTable('public_pages_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', ROW_ID[part])
    .execute();
}
