import type { Kysely } from 'kysely';
import { timestampType } from '../engine.ts';

/**
 * Counts kept beside the statements, changed in the same transaction as every
 * status change, so reading a count never scans statements.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);
  // The day (in TUIDANG_TIMEZONE) a declaration was published: the day it counts on.
  await db.schema.alterTable('declarations').addColumn('counted_day', 'text').execute();
  await db.schema.createIndex('declarations_counted_day').on('declarations').columns(['counted_day', 'id']).execute();

  await db.schema
    .createTable('counter_totals')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('declarations', 'integer', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addColumn('party', 'integer', (c) => c.notNull())
    .addColumn('league', 'integer', (c) => c.notNull())
    .addColumn('pioneers', 'integer', (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db
    .insertInto('counter_totals')
    .values({ id: 1, declarations: 0, people: 0, party: 0, league: 0, pioneers: 0, updated_at: new Date().toISOString() })
    .execute();

  await db.schema
    .createTable('daily_totals')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('declarations', 'integer', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addColumn('party', 'integer', (c) => c.notNull())
    .addColumn('league', 'integer', (c) => c.notNull())
    .addColumn('pioneers', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('daily_breakdown')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('declarations', 'integer', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_breakdown_pk', ['day', 'dimension', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('daily_breakdown').execute();
  await db.schema.dropTable('daily_totals').execute();
  await db.schema.dropTable('counter_totals').execute();
  await db.schema.dropIndex('declarations_counted_day').execute();
  await db.schema.alterTable('declarations').dropColumn('counted_day').execute();
}
