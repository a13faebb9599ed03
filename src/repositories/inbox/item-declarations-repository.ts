import type { DeclarationStatus } from '../../db/schema.ts';
import type { Executor } from '../executor.ts';

export interface LinkedDeclarationRow {
  id: number;
  registrationNumber: string;
  namesJson: string;
  status: DeclarationStatus;
}

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

  /** The declarations entered from an item, as its page lists them: number, names (JSON as stored), status. */
  async forItem(db: Executor, itemId: number): Promise<LinkedDeclarationRow[]> {
    const rows = await db
      .selectFrom('inbound_item_declarations as l')
      .innerJoin('declarations as d', 'd.id', 'l.declaration_id')
      .select(['d.id', 'd.registration_number', 'd.names', 'd.status'])
      .where('l.item_id', '=', itemId)
      .orderBy('d.id')
      .execute();
    return rows.map((row) => ({ id: row.id, registrationNumber: row.registration_number, namesJson: row.names, status: row.status }));
  },

  /** The links go with a purged item; the declarations themselves stay. */
  async deleteForItem(db: Executor, itemId: number): Promise<void> {
    await db.deleteFrom('inbound_item_declarations').where('item_id', '=', itemId).execute();
  },
};

export type InboxItemDeclarationsRepository = typeof inboxItemDeclarationsRepository;
