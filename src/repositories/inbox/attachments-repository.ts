import { fromDbTime, toDbTime } from '../../db/time.ts';
import type { Executor } from '../executor.ts';

/** An attachment's metadata; its bytes are a sealed file under the data dir named by `storageKey`. */
export interface AttachmentRecord {
  itemId: number;
  position: number;
  nameSealed: string | null;
  mediaType: string;
  size: number;
  sha256: string;
  storageKey: string;
  createdAt: Date;
}

export const inboxAttachmentsRepository = {
  async insert(db: Executor, attachments: readonly AttachmentRecord[]): Promise<void> {
    if (attachments.length === 0) return;
    await db
      .insertInto('inbound_attachments')
      .values(
        attachments.map((a) => ({
          item_id: a.itemId,
          position: a.position,
          name_sealed: a.nameSealed,
          media_type: a.mediaType,
          size: a.size,
          sha256: a.sha256,
          storage_key: a.storageKey,
          created_at: toDbTime(a.createdAt),
        })),
      )
      .execute();
  },

  /** An item's attachments, in their order. */
  async forItem(db: Executor, itemId: number): Promise<AttachmentRecord[]> {
    const rows = await db.selectFrom('inbound_attachments').selectAll().where('item_id', '=', itemId).orderBy('position').execute();
    return rows.map((row) => ({
      itemId: row.item_id,
      position: row.position,
      nameSealed: row.name_sealed,
      mediaType: row.media_type,
      size: row.size,
      sha256: row.sha256,
      storageKey: row.storage_key,
      createdAt: fromDbTime(row.created_at),
    }));
  },

  async deleteForItem(db: Executor, itemId: number): Promise<void> {
    await db.deleteFrom('inbound_attachments').where('item_id', '=', itemId).execute();
  },
};

export type InboxAttachmentsRepository = typeof inboxAttachmentsRepository;
