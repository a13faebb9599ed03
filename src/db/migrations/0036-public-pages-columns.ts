import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine.ts';

/**
 * Columns of a declaration no page shows: a secret sealed under the contact key, and the query
 * password's hash. Writing them moves no public page's version.
 */
export const UNSHOWN_COLUMNS = ['contact_sealed', 'password_hash'] as const;

/** Every other column of `declarations` as this migration finds it; test/…/0036 holds later columns to it. */
const SHOWN_COLUMNS = [
  'id',
  'registration_number',
  'status',
  'names',
  'name_count',
  'headcount',
  'party',
  'league',
  'pioneers',
  'title',
  'region',
  'statement',
  'behalf',
  'consent',
  'channel',
  'locale',
  'created_at',
  'status_changed_at',
  'published_at',
  'reject_reason',
  'feedback',
  'admission',
  'center_id',
  'entered_by',
  'batch_id',
  'duplicate_of',
  'featured_on',
  'alias_key',
  'counted_day',
  'registration_serial',
  'reject_reason_id',
  'legacy_id',
  'text_key',
];

/**
 * The public pages' version (migration 0009) moved with every UPDATE of a published declaration,
 * whatever it wrote: the hourly purge of contacts decided 30 days ago, and a contact-key rotation,
 * re-sealing a column no page shows, made every server render its kept pages again. The update
 * trigger now fires on the columns a page may show, every column but UNSHOWN_COLUMNS; a column added
 * later joins it by a migration of its own, as the test of this one requires.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await replaceUpdateTrigger(db, SHOWN_COLUMNS);
}

export async function down(db: Kysely<any>): Promise<void> {
  await replaceUpdateTrigger(db, null);
}

async function replaceUpdateTrigger(db: Kysely<any>, columns: readonly string[] | null): Promise<void> {
  const of = columns === null ? sql`` : sql` of ${sql.join(columns.map((column) => sql.ref(column)))}`;
  if (isPostgres(db)) {
    await sql`drop trigger declarations_public_update on declarations`.execute(db);
    await sql`
      create constraint trigger declarations_public_update after update${of} on declarations
      deferrable initially deferred for each row when (old.status = 'published')
      execute function public_pages_changed()`.execute(db);
    return;
  }
  await sql`drop trigger declarations_public_update`.execute(db);
  await sql`
    create trigger declarations_public_update after update${of} on declarations when old.status = 'published'
    begin update public_pages_version set version = version + 1 where id = 1; end`.execute(db);
}
