import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../engine.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);

  await withIdColumn(db, db.schema.createTable('centers'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('hotlines', 'text', (c) => c.notNull())
    .addColumn('fax', 'text')
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .addColumn('opening_hours', 'text')
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('is_public', 'integer', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('staff'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('center_id', 'integer', (c) => c.references('centers.id'))
    .addColumn('trusted', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('totp_sealed', 'text')
    .addColumn('totp_last_step', 'integer')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_until', time)
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('staff_tokens'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addColumn('used_at', time)
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('second_factor', 'integer', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('last_seen_at', time, (c) => c.notNull())
    .addColumn('revoked_at', time)
    .execute();
  await db.schema.createIndex('staff_sessions_staff').on('staff_sessions').column('staff_id').execute();

  await withIdColumn(db, db.schema.createTable('audit_log'))
    .addColumn('at', time, (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('reject_reasons'))
    .addColumn('label_zh_hans', 'text', (c) => c.notNull())
    .addColumn('label_zh_hant', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable('batches'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('center_id', 'integer', (c) => c.references('centers.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('conversation_date', 'text', (c) => c.notNull())
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('declarations')
    .addColumn('admission', 'text', (c) => c.notNull().defaultTo('public'))
    .execute();
  for (const [column, type] of [
    ['center_id', 'integer'],
    ['entered_by', 'integer'],
    ['batch_id', 'integer'],
    ['duplicate_of', 'integer'],
    ['featured_on', 'text'],
    ['alias_key', 'text'],
  ] as const) {
    await db.schema.alterTable('declarations').addColumn(column, type).execute();
  }
  await db.schema.createIndex('declarations_alias_key').on('declarations').columns(['alias_key', 'created_at']).execute();
  await db.schema.createIndex('declarations_featured').on('declarations').columns(['featured_on', 'id']).execute();
  await db.schema.createIndex('declarations_entered_by').on('declarations').columns(['entered_by', 'created_at']).execute();

  const reasons = [
    [
      '含有可识别身份的信息（电话、住址、单位等）',
      '含有可識別身分的資訊（電話、住址、單位等）',
      'Contains identifying details (phone, address, employer…)',
    ],
    ['与已有声明重复', '與已有聲明重複', 'Duplicates an existing declaration'],
    ['内容与三退无关', '內容與三退無關', 'Not a declaration of quitting'],
    ['含有侮辱或不当言论', '含有侮辱或不當言論', 'Contains abusive or inappropriate language'],
    ['未征得本人同意', '未徵得本人同意', 'Consent of the person was not confirmed'],
  ];
  for (const [zhHans, zhHant, en] of reasons) {
    await db.insertInto('reject_reasons').values({ label_zh_hans: zhHans, label_zh_hant: zhHant, label_en: en, active: 1 }).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['declarations_alias_key', 'declarations_featured', 'declarations_entered_by']) {
    await db.schema.dropIndex(index).execute();
  }
  for (const column of ['admission', 'center_id', 'entered_by', 'batch_id', 'duplicate_of', 'featured_on', 'alias_key']) {
    await db.schema.alterTable('declarations').dropColumn(column).execute();
  }
  for (const table of ['batches', 'reject_reasons', 'audit_log', 'staff_sessions', 'staff_tokens', 'staff', 'centers']) {
    await db.schema.dropTable(table).execute();
  }
}
