import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { declarationGrams } from '../domain/declaration/search-grams.ts';
import { isPublished } from './archive-rows.ts';
import { reusableSql, type Executor } from './executor.ts';

/*
 * The archive's search index (search_grams): kept in step with each status change, in its
 * transaction, and filled once for installations that already hold declarations.
 */

/** Rows per statement when writing grams (well under both engines' parameter limits). */
const GRAM_INSERT_ROWS = 2000;

/** Declarations read by id per statement: within every engine's limit on bound parameters. */
const ROWS_PER_LOOKUP = 500;

async function writeGrams(db: Executor, rows: { gram: string; declaration_id: number }[]): Promise<void> {
  for (let start = 0; start < rows.length; start += GRAM_INSERT_ROWS) {
    await db
      .insertInto('search_grams')
      .values(rows.slice(start, start + GRAM_INSERT_ROWS))
      .onConflict((conflict) => conflict.columns(['gram', 'declaration_id']).doNothing())
      .execute();
  }
}

async function deleteGrams(db: Executor, declarationId: number, grams: readonly string[]): Promise<void> {
  if (grams.length === 0) return;
  // By primary key (gram, declaration_id): one seek per gram, never a scan of the table.
  await db
    .deleteFrom('search_grams')
    .where('declaration_id', '=', declarationId)
    .where('gram', 'in', [...grams])
    .execute();
}

export const archiveSearchIndex = {
  /**
   * Puts a declaration's title and region bigrams in search_grams if it is published, or takes
   * them out if it is not: call it in the transaction that publishes it (or changes the text of
   * a published one). Idempotent.
   */
  async indexForSearch(db: Executor, declarationId: number): Promise<void> {
    const row = await db
      .selectFrom('declarations')
      .select(['status', 'duplicate_of', 'title', 'region'])
      .where('id', '=', declarationId)
      .executeTakeFirst();
    if (!row) return;
    const grams = declarationGrams(row.title, row.region);
    if (row.status === 'published' && row.duplicate_of === null) {
      await writeGrams(
        db,
        grams.map((gram) => ({ gram, declaration_id: declarationId })),
      );
    } else {
      await deleteGrams(db, declarationId, grams);
    }
  },

  /** indexForSearch for many declarations just published together: one read, grams written in bulk. */
  async indexManyForSearch(db: Executor, declarationIds: readonly number[]): Promise<void> {
    for (let start = 0; start < declarationIds.length; start += ROWS_PER_LOOKUP) {
      const rows = await db
        .selectFrom('declarations')
        .select(['id', 'title', 'region'])
        .where('id', 'in', declarationIds.slice(start, start + ROWS_PER_LOOKUP))
        .where('status', '=', 'published')
        .where('duplicate_of', 'is', null)
        .execute();
      await writeGrams(
        db,
        rows.flatMap((row) => declarationGrams(row.title, row.region).map((gram) => ({ gram, declaration_id: row.id }))),
      );
    }
  },

  /**
   * Puts statements imported published (their ids just written) in search_grams, from grams the
   * caller worked out (declarationGrams of the stored title and region, in key order: gram, then
   * id), so nothing is read and nothing is sorted here: the index takes them as runs, not as
   * scattered inserts, by one statement built once per size.
   */
  async indexImported(db: Executor, grams: readonly string[], ids: readonly number[]): Promise<void> {
    for (let start = 0; start < grams.length; start += GRAM_INSERT_ROWS) {
      const end = Math.min(start + GRAM_INSERT_ROWS, grams.length);
      const sql = reusableSql(db, `search_grams.indexImported:${end - start}`, () =>
        db
          .insertInto('search_grams')
          .values(Array.from({ length: end - start }, () => ({ gram: '', declaration_id: 0 })))
          .onConflict((conflict) => conflict.columns(['gram', 'declaration_id']).doNothing())
          .compile(),
      );
      const parameters: (string | number)[] = new Array((end - start) * 2);
      for (let at = start; at < end; at++) {
        parameters[(at - start) * 2] = grams[at]!;
        parameters[(at - start) * 2 + 1] = ids[at]!;
      }
      await db.executeQuery(CompiledQuery.raw(sql, parameters));
    }
  },

  /**
   * Takes a declaration out of search_grams: call it in the transaction that moves it out of
   * 'published'. The grams are computed from the current title and region and deleted by
   * primary key; so when an editor changes the text of a published declaration, call this
   * before the change and indexForSearch after it. A gram left behind by text changed some
   * other way costs a little time, never a wrong result: every candidate is checked against
   * its text and its status.
   */
  async unindex(db: Executor, declarationId: number): Promise<void> {
    const row = await db.selectFrom('declarations').select(['title', 'region']).where('id', '=', declarationId).executeTakeFirst();
    if (!row) return;
    await deleteGrams(db, declarationId, declarationGrams(row.title, row.region));
  },

  /**
   * Fills search_grams for every published declaration, in id order, one short transaction per
   * `batch` declarations so a live server keeps writing in between. Idempotent; returns how many
   * declarations were indexed. For installations that already hold declarations (and after
   * `db copy`, which does not copy this derived table).
   */
  async reindexAll(db: Kysely<Database>, options: { batch?: number; onProgress?: (indexed: number) => void } = {}): Promise<number> {
    const batch = options.batch ?? 500;
    let afterId = 0;
    let indexed = 0;
    for (;;) {
      // SQLite: SEARCH d USING INDEX declarations_status_id (status=? AND id>?)
      const rows = await db
        .selectFrom('declarations as d')
        .select(['d.id', 'd.title', 'd.region'])
        .where(isPublished)
        .where('d.id', '>', afterId)
        .orderBy('d.id')
        .limit(batch)
        .execute();
      if (rows.length === 0) return indexed;
      await db.transaction().execute((trx) =>
        writeGrams(
          trx,
          rows.flatMap((row) => declarationGrams(row.title, row.region).map((gram) => ({ gram, declaration_id: row.id }))),
        ),
      );
      afterId = rows.at(-1)!.id;
      indexed += rows.length;
      options.onProgress?.(indexed);
    }
  },
};
