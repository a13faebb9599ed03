import { archiveRepository } from '../archive-repository.ts';
import { counterRepository } from '../counter-repository.ts';
import { storedTitle } from '../declaration-title.ts';
import type { Executor } from '../executor.ts';

/** What a redaction may replace; absent fields stay as they are. */
export interface RedactedFields {
  /** Null: the declarant wrote none (the default title is made when read). */
  title?: string | null;
  statement?: string | null;
  names?: string[];
  /** Stored with the names: the first name's key, for search by alias and the duplicate signals. */
  aliasKey?: string;
  region?: string | null;
}

/**
 * What editors change on a declaration besides its status: its text, its link to an original, the
 * day it is featured on. Status changes are in status.ts.
 */
export const declarationEdits = {
  /**
   * Writes a redaction. Search grams come from the title and region, so a published
   * declaration's are taken out before the text changes and put back after. When the region
   * of a counted declaration changes, its people move to the new region's breakdown in the
   * same transaction, so the statistics by region keep agreeing with the statements.
   */
  async setText(db: Executor, id: number, text: RedactedFields): Promise<void> {
    const set: { title?: string; statement?: string | null; names?: string; alias_key?: string; region?: string | null } = {};
    if (text.title !== undefined) set.title = storedTitle(text.title);
    if (text.statement !== undefined) set.statement = text.statement;
    if (text.names !== undefined) set.names = JSON.stringify(text.names);
    if (text.aliasKey !== undefined) set.alias_key = text.aliasKey;
    if (text.region !== undefined) set.region = text.region;
    if (Object.keys(set).length === 0) return;
    const before =
      text.region === undefined
        ? undefined
        : await db
            .selectFrom('declarations')
            .select(['status', 'counted_day', 'duplicate_of', 'headcount', 'region'])
            .where('id', '=', id)
            .executeTakeFirst();
    await archiveRepository.unindex(db, id);
    await db.updateTable('declarations').set(set).where('id', '=', id).execute();
    await archiveRepository.indexForSearch(db, id);
    if (before && before.status === 'published' && before.duplicate_of === null && before.counted_day !== null) {
      await counterRepository.moveRegion(db, {
        countedDay: before.counted_day,
        headcount: before.headcount,
        from: before.region,
        to: text.region ?? null,
      });
    }
  },

  /** Only while no other decision has marked it: a declaration is the duplicate of at most one original. */
  async setDuplicateOf(db: Executor, id: number, originalId: number): Promise<boolean> {
    const result = await db
      .updateTable('declarations')
      .set({ duplicate_of: originalId })
      .where('id', '=', id)
      .where('duplicate_of', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  /**
   * Succeeds only if the declaration is not itself a duplicate. It writes
   * nothing, but on PostgreSQL it locks the row for the rest of the
   * transaction, so two moderators cannot mark A and B as each other's
   * duplicate at the same time.
   */
  async lockAsOriginal(db: Executor, id: number): Promise<boolean> {
    const result = await db
      .updateTable('declarations')
      .set({ duplicate_of: null })
      .where('id', '=', id)
      .where('duplicate_of', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  /** Features a published declaration for a day, or clears the day it was featured on. */
  async setFeaturedOn(db: Executor, id: number, change: { day: string; featured: boolean }): Promise<boolean> {
    const query = change.featured
      ? db.updateTable('declarations').set({ featured_on: change.day }).where('id', '=', id).where('status', '=', 'published')
      : db.updateTable('declarations').set({ featured_on: null }).where('id', '=', id).where('featured_on', '=', change.day);
    const result = await query.executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },
};
