import { sql, type Kysely } from 'kysely';
import { firePendingTriggers } from '../engine.ts';

/**
 * Public search by alias reads an index of published declarations only. On (alias_key, id desc)
 * over every row, a flood of pending declarations under one alias (30,000 in 20 s were accepted in
 * a test) sat between a search and the published rows it wants, and each was fetched and skipped:
 * that search became 23 times slower. This index holds published rows only, so pending ones are
 * not in its way however many arrive; archive-repository.ts names its condition so both engines
 * use it. A row enters it when it is published, so intake writes nothing more.
 *
 * (alias_key, id desc) over every row stays: the moderation signals and batch entry's duplicate
 * warnings look for pending declarations under an alias too.
 *
 * "if not exists": on a large PostgreSQL an operator may build it beforehand with CREATE INDEX
 * CONCURRENTLY (docs/operations.md), which cannot run inside this migration's transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Earlier migrations of the same run may have queued declarations' deferred triggers; PostgreSQL
  // builds no index on a table with trigger events pending.
  await firePendingTriggers(db);
  await sql`create index if not exists declarations_alias_published on declarations (alias_key, id desc) where status = 'published' and duplicate_of is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('declarations_alias_published').ifExists().execute();
}
