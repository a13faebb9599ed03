import type { Executor } from '../executor.ts';

/**
 * Every stored checkpoint's signed note, smallest size first, a page at a time: what `audit verify`
 * reads the audit chain's anchored heads from (services/log/checkpoint-anchors.ts). One a batch, so
 * tens of thousands in a year: paged, never all in memory at once.
 */
export const checkpointNotes = {
  async page(db: Executor, afterSize: number, limit: number): Promise<{ size: number; note: string }[]> {
    const rows = await db
      .selectFrom('log_checkpoints')
      .select(['size', 'note'])
      .where('size', '>', afterSize)
      .orderBy('size')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ size: Number(row.size), note: row.note }));
  },
};

export type CheckpointNotes = typeof checkpointNotes;
