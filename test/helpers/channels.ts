import { open } from '../../src/crypto/seal.ts';
import type { TestContext } from './test-context.ts';

/** An inbox item as a volunteer would read it: the sealed fields opened with the keys the test context holds. */
export interface ReadItem {
  id: number;
  channel: string;
  status: string;
  sender: string | null;
  subject: string | null;
  body: string | null;
  sourceRef: string | null;
  attachments: { mediaType: string; size: number; name: string | null }[];
}

/** Every item of a center's inbox, oldest first, opened. */
export async function itemsOf(ctx: TestContext, centerId: number): Promise<ReadItem[]> {
  const db = ctx.services.database.db;
  const rows = await db.selectFrom('inbound_items').selectAll().where('center_id', '=', centerId).orderBy('id').execute();
  const key = ctx.services.keys.contact;
  const opened = (id: number, field: string, value: string | null) =>
    value === null ? null : open(key, value, `inbox:${centerId}:${id}:${field}`);
  const items: ReadItem[] = [];
  for (const row of rows) {
    const attachments = await db.selectFrom('inbound_attachments').selectAll().where('item_id', '=', row.id).orderBy('position').execute();
    items.push({
      id: row.id,
      channel: row.channel,
      status: row.status,
      sender: opened(row.id, 'sender', row.sender_sealed),
      subject: opened(row.id, 'subject', row.subject_sealed),
      body: opened(row.id, 'body', row.body_sealed),
      sourceRef: row.source_ref,
      attachments: attachments.map((attachment) => ({
        mediaType: attachment.media_type,
        size: attachment.size,
        name: opened(row.id, `attachment-name:${attachment.position}`, attachment.name_sealed),
      })),
    });
  }
  return items;
}

/** A center the public contact form offers. */
export async function addPublicCenter(ctx: TestContext, name: string): Promise<number> {
  const at = new Date().toISOString();
  const row = await ctx.services.database.db
    .insertInto('centers')
    .values({ name, city: 'Toronto', country: 'CA', hotlines: '[]', languages: '中文', is_public: 1, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
