import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../engine.ts';

/**
 * Phone-bank campaigns (docs/outreach.md): campaigns and their script versions, imports, the
 * contacts to call (every identifying field sealed, the number found by its HMAC), the registry's
 * do-not-call list (HMACs only), and the record of each call.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);
  await withIdColumn(db, db.schema.createTable('outreach_campaigns'))
    .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('calling_from', 'text', (c) => c.notNull())
    .addColumn('calling_until', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('retention_days', 'integer', (c) => c.notNull())
    .addColumn('lease_size', 'integer', (c) => c.notNull())
    .addColumn('lease_hours', 'integer', (c) => c.notNull())
    .addColumn('consequences', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('purged_at', time)
    .execute();
  await db.schema.createIndex('outreach_campaigns_center').on('outreach_campaigns').columns(['center_id', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('outreach_scripts'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('outreach_campaigns.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addUniqueConstraint('outreach_scripts_version', ['campaign_id', 'version'])
    .execute();

  await withIdColumn(db, db.schema.createTable('outreach_imports'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('outreach_campaigns.id'))
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('duplicates', 'integer', (c) => c.notNull())
    .addColumn('do_not_call', 'integer', (c) => c.notNull())
    .addColumn('invalid', 'integer', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('finished_at', time)
    .execute();
  await db.schema.createIndex('outreach_imports_campaign').on('outreach_imports').columns(['campaign_id', 'status']).execute();

  await db.schema
    .createTable('outreach_import_errors')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('outreach_imports.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outreach_import_errors_import').on('outreach_import_errors').columns(['import_id', 'line']).execute();

  await withIdColumn(db, db.schema.createTable('outreach_contacts'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('outreach_campaigns.id'))
    .addColumn('import_id', 'integer', (c) => c.references('outreach_imports.id'))
    // Null once the campaign's numbers are purged (retention).
    .addColumn('phone_hmac', 'text')
    .addColumn('phone_sealed', 'text')
    // Name, title, organisation, region and notes, sealed together: they are only ever read together.
    .addColumn('details_sealed', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', time)
    .addColumn('leased_to', 'integer', (c) => c.references('staff.id'))
    .addColumn('lease_expires_at', time)
    .addColumn('callback_for', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addUniqueConstraint('outreach_contacts_phone', ['campaign_id', 'phone_hmac'])
    .execute();
  // The pool a lease draws from, in order; a volunteer's lease; an import's rows; a number across campaigns (do-not-call).
  await db.schema.createIndex('outreach_contacts_pool').on('outreach_contacts').columns(['campaign_id', 'status', 'id']).execute();
  await db.schema.createIndex('outreach_contacts_lease').on('outreach_contacts').columns(['leased_to', 'campaign_id']).execute();
  await db.schema.createIndex('outreach_contacts_import').on('outreach_contacts').columns(['import_id', 'status']).execute();
  await db.schema.createIndex('outreach_contacts_hmac').on('outreach_contacts').column('phone_hmac').execute();

  await db.schema
    .createTable('outreach_do_not_call')
    .addColumn('phone_hmac', 'text', (c) => c.primaryKey())
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('outreach_attempts'))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('outreach_contacts.id'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('outreach_campaigns.id'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('script_version', 'integer')
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('callback_at', time)
    .addColumn('created_at', time, (c) => c.notNull())
    // The day of the call in the campaign's zone (YYYY-MM-DD), so the daily chart groups in SQL on both engines.
    .addColumn('day', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outreach_attempts_campaign').on('outreach_attempts').columns(['campaign_id', 'day']).execute();
  await db.schema.createIndex('outreach_attempts_staff').on('outreach_attempts').columns(['staff_id', 'created_at']).execute();
  await db.schema.createIndex('outreach_attempts_contact').on('outreach_attempts').column('contact_id').execute();

  // Who chose to appear on their center's leaderboard; nobody does unless they say so.
  await db.schema
    .createTable('outreach_leaderboard')
    .addColumn('staff_id', 'integer', (c) => c.primaryKey().references('staff.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outreach_attempt_declarations')
    .addColumn('attempt_id', 'integer', (c) => c.notNull().references('outreach_attempts.id'))
    .addColumn('declaration_id', 'integer', (c) => c.notNull().references('declarations.id'))
    .addPrimaryKeyConstraint('outreach_attempt_declarations_pk', ['attempt_id', 'declaration_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'outreach_attempt_declarations',
    'outreach_leaderboard',
    'outreach_attempts',
    'outreach_do_not_call',
    'outreach_contacts',
    'outreach_import_errors',
    'outreach_imports',
    'outreach_scripts',
    'outreach_campaigns',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
