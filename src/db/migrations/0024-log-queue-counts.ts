import { sql, type Kysely } from 'kysely';

/**
 * How many changes each log queue holds, kept beside the queues (docs/transparency.md, "Batches"): the
 * counter's snapshot reads it every second, and after migration 0020 on a registry of millions of
 * statements the queue holds every one of them until the first build ends; counting it would scan them
 * all each time. Written in the transactions that fill and empty the queues (repositories/log/).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('log_queue_counts')
    .addColumn('queue', 'text', (c) => c.primaryKey())
    .addColumn('queued', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into log_queue_counts (queue, queued)
    select 'statements', count(*) from log_queue
    union all select 'carried', count(*) from log_carried_queue`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('log_queue_counts').execute();
}
