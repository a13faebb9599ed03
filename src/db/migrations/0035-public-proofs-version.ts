import type { Kysely } from 'kysely';

/**
 * The public pages' version (migration 0009) splits in two rows: row 1 still moves with every change
 * to a published declaration (its triggers are unchanged); row 2 moves when the transparency log
 * gives statements their leaves. Permalinks show their leaf and follow both; day pages and archive
 * pages kept on disk show no proof and follow row 1 alone, so a log batch every few minutes no longer
 * makes them render again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('public_pages_version').values({ id: 2, version: 0 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('public_pages_version').where('id', '=', 2).execute();
}
