import type { Kysely } from 'kysely';
import { timestampType } from '../engine.ts';

/**
 * How each center's inbox is reached (docs/inbox.md, "How items arrive"): its address on the inbox
 * domain, the voicemail webhook's secret and, for a center that keeps a mailbox elsewhere, the IMAP
 * account the poller reads. A center without a row has the default address `center-<id>` and no
 * webhook or mailbox. The secrets are sealed (staff key, bound to the center and the field): the
 * registry must use them, so they cannot be hashed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);
  await db.schema
    .createTable('center_inbox_settings')
    .addColumn('center_id', 'integer', (c) => c.primaryKey().references('centers.id'))
    // The address's local part, lower case; unique across centers (the receiver finds a center by it).
    .addColumn('address_local', 'text', (c) => c.notNull().unique())
    .addColumn('webhook_secret_sealed', 'text')
    .addColumn('webhook_secret_set_at', time)
    // The IMAP mailbox: all null, or host, port, user, password and folder set together.
    .addColumn('imap_host', 'text')
    .addColumn('imap_port', 'integer')
    .addColumn('imap_tls', 'integer')
    .addColumn('imap_user', 'text')
    .addColumn('imap_password_sealed', 'text')
    .addColumn('imap_folder', 'text')
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('center_inbox_settings').execute();
}
