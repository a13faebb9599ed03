import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../engine.ts';

/**
 * Messages of support: short public words for those who quit, moderated like
 * statements and never counted. Nothing identifying is stored: no address, no
 * user agent, only what the writer typed and the language of the page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);
  await withIdColumn(db, db.schema.createTable('support_messages'))
    .addColumn('name', 'text')
    .addColumn('region', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('published_at', time)
    .execute();
  // The public list (published, newest first) and the queue (pending) each read one range.
  await db.schema.createIndex('support_messages_status_id').on('support_messages').columns(['status', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('support_messages_status_id').execute();
  await db.schema.dropTable('support_messages').execute();
}
