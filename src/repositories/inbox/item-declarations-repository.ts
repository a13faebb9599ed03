import type { Executor } from '../executor.ts';

/** The declarations entered from an inbox item (batch entry's "convert"), as outreach links its calls'. */
export const inboxItemDeclarationsRepository = {
  async link(db: Executor, itemId: number, declarationIds: readonly number[]): Promise<void> {
    if (declarationIds.length === 0) return;
    await db
      .insertInto('inbound_item_declarations')
      .values(declarationIds.map((declarationId) => ({ item_id: itemId, declaration_id: declarationId })))
      .onConflict((conflict) => conflict.columns(['item_id', 'declaration_id']).doNothing())
      .execute();
  },

  async forItem(db: Executor, itemId: number): Promise<number[]> {
    const rows = await db
      .selectFrom('inbound_item_declarations')
      .select('declaration_id')
      .where('item_id', '=', itemId)
      .orderBy('declaration_id')
      .execute();
    return rows.map((row) => row.declaration_id);
  },

  /** The links go with a purged item; the declarations themselves stay. */
  async deleteForItem(db: Executor, itemId: number): Promise<void> {
    await db.deleteFrom('inbound_item_declarations').where('item_id', '=', itemId).execute();
  },
};

export type InboxItemDeclarationsRepository = typeof inboxItemDeclarationsRepository;
