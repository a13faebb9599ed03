import type { Kysely } from 'kysely';
import { timestampType } from '../engine.ts';

/**
 * The previous registry's history (docs/history.md): its published day totals, the people of the
 * imported posts per day, and the sum of what each day carries over, kept beside the counters so the
 * counter reads one row for it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);
  await db.schema
    .createTable('legacy_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    // As the old site published them; the optional figures are null when the export had none.
    .addColumn('people', 'integer', (c) => c.notNull())
    .addColumn('posts', 'integer')
    .addColumn('party', 'integer')
    .addColumn('league', 'integer')
    .addColumn('pioneers', 'integer')
    .addColumn('source', 'text')
    .addColumn('imported_at', time, (c) => c.notNull())
    // What the day carries over once the people of its imported posts are taken off (never below zero).
    .addColumn('carried_people', 'integer', (c) => c.notNull())
    .addColumn('carried_party', 'integer', (c) => c.notNull())
    .addColumn('carried_league', 'integer', (c) => c.notNull())
    .addColumn('carried_pioneers', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('imported_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addColumn('party', 'integer', (c) => c.notNull())
    .addColumn('league', 'integer', (c) => c.notNull())
    .addColumn('pioneers', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('carried_totals')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addColumn('party', 'integer', (c) => c.notNull())
    .addColumn('league', 'integer', (c) => c.notNull())
    .addColumn('pioneers', 'integer', (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db
    .insertInto('carried_totals')
    .values({ id: 1, days: 0, people: 0, party: 0, league: 0, pioneers: 0, updated_at: new Date().toISOString() })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('carried_totals').execute();
  await db.schema.dropTable('imported_days').execute();
  await db.schema.dropTable('legacy_days').execute();
}
