import type { Executor } from '../executor.ts';

export interface RejectReasonRecord {
  id: number;
  labels: { 'zh-hans': string; 'zh-hant': string; en: string };
  active: boolean;
}

/** The managed reasons an editor rejects with, each in the three languages. */
export const rejectReasonQueries = {
  async rejectReasons(db: Executor, options: { activeOnly: boolean }): Promise<RejectReasonRecord[]> {
    let query = db.selectFrom('reject_reasons').selectAll().orderBy('id');
    if (options.activeOnly) query = query.where('active', '=', 1);
    return (await query.execute()).map((row) => ({
      id: row.id,
      labels: { 'zh-hans': row.label_zh_hans, 'zh-hant': row.label_zh_hant, en: row.label_en },
      active: row.active === 1,
    }));
  },

  async insertRejectReason(db: Executor, labels: { 'zh-hans': string; 'zh-hant': string; en: string }): Promise<number> {
    const row = await db
      .insertInto('reject_reasons')
      .values({ label_zh_hans: labels['zh-hans'], label_zh_hant: labels['zh-hant'], label_en: labels.en, active: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async setRejectReasonActive(db: Executor, id: number, active: boolean): Promise<boolean> {
    const result = await db
      .updateTable('reject_reasons')
      .set({ active: active ? 1 : 0 })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  async findRejectReason(db: Executor, id: number): Promise<RejectReasonRecord | null> {
    const row = await db.selectFrom('reject_reasons').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      labels: { 'zh-hans': row.label_zh_hans, 'zh-hant': row.label_zh_hant, en: row.label_en },
      active: row.active === 1,
    };
  },
};
