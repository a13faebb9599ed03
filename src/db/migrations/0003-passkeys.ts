import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../engine.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);
  await withIdColumn(db, db.schema.createTable('staff_passkeys'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'integer', (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('last_used_at', time)
    .execute();
  await db.schema.createIndex('staff_passkeys_staff').on('staff_passkeys').column('staff_id').execute();
  // The WebAuthn challenge of a ceremony in progress, bound to the session that asked for it.
  await db.schema.alterTable('staff_sessions').addColumn('webauthn_challenge', 'text').execute();
  // Date filters of the moderation queue and the burst signal read declarations by creation time.
  await db.schema.createIndex('declarations_created_at').on('declarations').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('declarations_created_at').execute();
  await db.schema.alterTable('staff_sessions').dropColumn('webauthn_challenge').execute();
  await db.schema.dropTable('staff_passkeys').execute();
}
