import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../engine.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);

  await withIdColumn(db, db.schema.createTable('declarations'))
    .addColumn('registration_number', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('names', 'text', (c) => c.notNull())
    .addColumn('name_count', 'integer', (c) => c.notNull())
    .addColumn('headcount', 'integer', (c) => c.notNull())
    .addColumn('party', 'integer', (c) => c.notNull())
    .addColumn('league', 'integer', (c) => c.notNull())
    .addColumn('pioneers', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('statement', 'text')
    .addColumn('behalf', 'text', (c) => c.notNull())
    .addColumn('consent', 'integer', (c) => c.notNull())
    .addColumn('contact_sealed', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('status_changed_at', time, (c) => c.notNull())
    .addColumn('published_at', time)
    .addColumn('reject_reason', 'text')
    .addColumn('feedback', 'text')
    .execute();

  await db.schema.createIndex('declarations_status_id').on('declarations').columns(['status', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('declaration_events'))
    .addColumn('declaration_id', 'integer', (c) => c.notNull().references('declarations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await db.schema.createIndex('declaration_events_declaration').on('declaration_events').columns(['declaration_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('declaration_events').execute();
  await db.schema.dropTable('declarations').execute();
}
