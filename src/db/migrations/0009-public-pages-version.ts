import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine.ts';

/**
 * A number that goes up whenever a published declaration changes or goes,
 * whichever process or person changes it, even by hand in SQL: a server that
 * keeps pages prepared reads this one row about once a second instead of
 * reading again every row behind its pages (http/public/page-routes.tsx).
 *
 * A trigger keeps it, in the transaction of the change, so a reader that sees
 * the old number also sees the old rows. New declarations leave it alone: a
 * page that did not exist was never kept. On PostgreSQL the trigger runs at
 * commit (deferred), so the row it locks is the last lock a transaction takes
 * and cannot close a deadlock with the rows a moderator's transaction locks.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_pages_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('public_pages_version').values({ id: 1, version: 0 }).execute();

  if (isPostgres(db)) {
    await sql`
      create function public_pages_changed() returns trigger language plpgsql as $$
      begin
        update public_pages_version set version = version + 1 where id = 1;
        return null;
      end $$`.execute(db);
    await sql`
      create constraint trigger declarations_public_update after update on declarations
      deferrable initially deferred for each row when (old.status = 'published')
      execute function public_pages_changed()`.execute(db);
    await sql`
      create constraint trigger declarations_public_delete after delete on declarations
      deferrable initially deferred for each row when (old.status = 'published')
      execute function public_pages_changed()`.execute(db);
    return;
  }
  await sql`
    create trigger declarations_public_update after update on declarations when old.status = 'published'
    begin update public_pages_version set version = version + 1 where id = 1; end`.execute(db);
  await sql`
    create trigger declarations_public_delete after delete on declarations when old.status = 'published'
    begin update public_pages_version set version = version + 1 where id = 1; end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger declarations_public_delete${isPostgres(db) ? sql` on declarations` : sql``}`.execute(db);
  await sql`drop trigger declarations_public_update${isPostgres(db) ? sql` on declarations` : sql``}`.execute(db);
  if (isPostgres(db)) await sql`drop function public_pages_changed()`.execute(db);
  await db.schema.dropTable('public_pages_version').execute();
}
