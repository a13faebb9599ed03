import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../engine.ts';

/**
 * The intake inbox (docs/inbox.md): one row per inbound message whatever its channel, the sender,
 * subject and body sealed and the sender found by its HMAC; attachments as metadata here and sealed
 * files under the data dir; and the declarations entered from an item.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);
  await withIdColumn(db, db.schema.createTable('inbound_items'))
    .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'integer', (c) => c.references('staff.id'))
    // Null for a web message without a reply address or a call whose number was not given.
    .addColumn('sender_hmac', 'text')
    .addColumn('sender_sealed', 'text')
    .addColumn('subject_sealed', 'text')
    // Text, transcript or call note; null once purged.
    .addColumn('body_sealed', 'text')
    // The provider's id or a digest of the Message-ID, so a redelivered message is not a second item.
    .addColumn('source_ref', 'text')
    .addColumn('call_outcome', 'text')
    .addColumn('discard_reason', 'text')
    .addColumn('snoozed_until', time)
    // Attachments refused (type, size or count), so the item can say that something was not kept.
    .addColumn('dropped_attachments', 'integer', (c) => c.notNull().defaultTo(0))
    // The volunteer who logged a call; null for what arrived by itself.
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('received_at', time, (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('purge_after', time, (c) => c.notNull())
    .addUniqueConstraint('inbound_items_source', ['center_id', 'source_ref'])
    .execute();
  // The list (center, status, assignee: mine, unassigned, all), a sender's items, the purge job.
  await db.schema
    .createIndex('inbound_items_list')
    .on('inbound_items')
    .columns(['center_id', 'status', 'assignee_id', 'received_at'])
    .execute();
  await db.schema.createIndex('inbound_items_sender').on('inbound_items').columns(['sender_hmac']).execute();
  await db.schema.createIndex('inbound_items_purge').on('inbound_items').columns(['purge_after']).execute();

  await withIdColumn(db, db.schema.createTable('inbound_attachments'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('inbound_items.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_sealed', 'text')
    // Found from the bytes, never from the name or the declared Content-Type.
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // Names the sealed file under the data dir that holds the bytes.
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', time, (c) => c.notNull())
    .addUniqueConstraint('inbound_attachments_position', ['item_id', 'position'])
    .execute();

  await db.schema
    .createTable('inbound_item_declarations')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('inbound_items.id'))
    .addColumn('declaration_id', 'integer', (c) => c.notNull().references('declarations.id'))
    .addPrimaryKeyConstraint('inbound_item_declarations_pk', ['item_id', 'declaration_id'])
    .execute();
  await db.schema.createIndex('inbound_item_declarations_declaration').on('inbound_item_declarations').column('declaration_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['inbound_item_declarations', 'inbound_attachments', 'inbound_items']) {
    await db.schema.dropTable(table).execute();
  }
}
