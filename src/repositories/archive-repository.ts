import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { Database, DeclarationsTable } from '../db/schema.ts';
import { fromDbTime } from '../db/time.ts';
import { organizationsOf, type Organization } from '../domain/declaration/organizations.ts';
import { declarationGrams, prefixUpperBound } from '../domain/declaration/search-grams.ts';
import { titleOf } from './declaration-title.ts';
import type { Executor } from './executor.ts';

/**
 * All SQL of the public archive. Every list is a keyset page over one index,
 * read in index order and stopped by LIMIT: never OFFSET, never a sort of all
 * matches, so a page costs the same at 34 million declarations as at 34.
 * "Published" is `status = 'published' and duplicate_of is null`.
 *
 * The lists by day, selection and alias read the key index through an alias
 * `k` of the table and fetch each row `d` by primary key (`k CROSS JOIN d ON
 * d.id = k.id`): the index that orders the page is named by the query, not left
 * to the planner. SQLite has no statistics here (the app never runs ANALYZE)
 * and, given `status = 'published'` on the same table, would read the
 * (status, id) index and sort every published row instead; its CROSS JOIN
 * keeps `k` as the outer loop. PostgreSQL plans it as the inner join it is.
 *
 * The SQLite plans below are `explain query plan` on some thousands of rows;
 * bench/archive-plans.ts prints them, and PostgreSQL's (`--postgres URL`:
 * index-only scans of the same indexes under a Limit, nested loops into the
 * primary key, no Sort over the table).
 */

/** A published declaration as the archive lists it. */
export interface ArchiveRow {
  id: number;
  registrationNumber: string;
  names: string[];
  headcount: number;
  orgs: Organization[];
  /** Null when the declarant wrote none. */
  title: string | null;
  region: string | null;
  statement: string | null;
  behalf: 'self' | 'family' | 'deceased';
  publishedAt: Date;
  /** The day it counts on (in the counting time zone). */
  countedDay: string | null;
  featuredOn: string | null;
  aliasKey: string | null;
}

const COLUMNS = [
  'd.id',
  'd.registration_number',
  'd.names',
  'd.headcount',
  'd.party',
  'd.league',
  'd.pioneers',
  'd.title',
  'd.region',
  'd.statement',
  'd.behalf',
  'd.published_at',
  'd.counted_day',
  'd.featured_on',
  'd.alias_key',
] as const;

type Row = Pick<
  Selectable<DeclarationsTable>,
  | 'id'
  | 'registration_number'
  | 'names'
  | 'headcount'
  | 'party'
  | 'league'
  | 'pioneers'
  | 'title'
  | 'region'
  | 'statement'
  | 'behalf'
  | 'published_at'
  | 'counted_day'
  | 'featured_on'
  | 'alias_key'
>;

function toArchiveRow(row: Row): ArchiveRow {
  const orgs = organizationsOf(row);
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    names: JSON.parse(row.names) as string[],
    headcount: row.headcount,
    orgs,
    title: titleOf(row.title),
    region: row.region,
    statement: row.statement,
    behalf: row.behalf,
    publishedAt: fromDbTime(row.published_at ?? new Date(0)),
    countedDay: row.counted_day,
    featuredOn: row.featured_on,
    aliasKey: row.alias_key,
  };
}

/** `d.status = 'published' and d.duplicate_of is null`; the value is written as a literal, it never varies. */
function isPublished(eb: ExpressionBuilder<{ d: DeclarationsTable }, 'd'>) {
  return eb.and([eb('d.status', '=', sql.lit('published')), eb('d.duplicate_of', 'is', null)]);
}

/**
 * Rows in the order of an index on `k`, each fetched from `d` by primary key
 * and kept if published: `declarations k cross join declarations d where d.id = k.id`.
 */
function keyed(db: Executor) {
  return db
    .selectFrom('declarations as k')
    .crossJoin('declarations as d')
    .select(COLUMNS)
    .whereRef('d.id', '=', 'k.id')
    .where(isPublished);
}

/** How many entries of a posting list the rarity probe reads at most. */
export const PROBE_CAP = 1000;
/** How many entries of the driving posting list one search page reads at most. */
export const GRAM_WINDOW = 2000;
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
  await db.deleteFrom('search_grams').where('declaration_id', '=', declarationId).where('gram', 'in', [...grams]).execute();
}

export const archiveRepository = {
  /**
   * The newest published declarations, below `before` when given.
   * SQLite: SEARCH d USING INDEX declarations_status_id (status=? AND id<?)
   * — read backwards from the cursor, so no sort and no rows above it.
   */
  async latest(db: Executor, page: { before?: number | undefined; limit: number }): Promise<ArchiveRow[]> {
    let query = db
      .selectFrom('declarations as d')
      .select(COLUMNS)
      .where(isPublished)
      .orderBy('d.id', 'desc')
      .limit(page.limit);
    if (page.before !== undefined) query = query.where('d.id', '<', page.before);
    return (await query.execute()).map(toArchiveRow);
  },

  /**
   * One counting day, newest first. Retracted rows keep their day and are skipped, so a page
   * reads at most the day's rows, never the table's.
   * SQLite: SEARCH k USING COVERING INDEX declarations_counted_day (counted_day=? AND id<?)
   *         SEARCH d USING INTEGER PRIMARY KEY (rowid=?)
   */
  async byDay(db: Executor, day: string, page: { before?: number | undefined; limit: number }): Promise<ArchiveRow[]> {
    let query = keyed(db).where('k.counted_day', '=', day).orderBy('k.id', 'desc').limit(page.limit);
    if (page.before !== undefined) query = query.where('k.id', '<', page.before);
    return (await query.execute()).map(toArchiveRow);
  },

  /**
   * Featured declarations: the newest featured day first, newest first within a day. The keyset
   * is the pair (featured_on, id), compared as a row value, which both engines read as a range
   * of the (featured_on, id) index.
   * SQLite: SEARCH k USING COVERING INDEX declarations_featured (featured_on>? AND featured_on<?)
   *         SEARCH d USING INTEGER PRIMARY KEY (rowid=?)
   */
  async featured(
    db: Executor,
    page: { after?: { day: string; id: number } | undefined; limit: number },
  ): Promise<ArchiveRow[]> {
    let query = keyed(db)
      .where('k.featured_on', 'is not', null)
      .orderBy('k.featured_on', 'desc')
      .orderBy('k.id', 'desc')
      .limit(page.limit);
    const after = page.after;
    if (after) query = query.where((eb) => eb(eb.refTuple('k.featured_on', 'k.id'), '<', eb.tuple(after.day, after.id)));
    return (await query.execute()).map(toArchiveRow);
  },

  /**
   * Declarations whose first name folds to exactly `key`, newest first.
   * SQLite: SEARCH k USING COVERING INDEX declarations_alias_id (alias_key=? AND id<?)
   *         SEARCH d USING INTEGER PRIMARY KEY (rowid=?)
   */
  async aliasExact(db: Executor, key: string, page: { before?: number | undefined; limit: number }): Promise<ArchiveRow[]> {
    let query = keyed(db).where('k.alias_key', '=', key).orderBy('k.id', 'desc').limit(page.limit);
    if (page.before !== undefined) query = query.where('k.id', '<', page.before);
    return (await query.execute()).map(toArchiveRow);
  },

  /**
   * Declarations whose first name's key starts with `prefix`: in key order (so exact matches
   * come first), newest first within a key, which is the order of the index (alias_key, id desc).
   * "Starts with" is the range [prefix, prefixUpperBound(prefix)), which an index can seek, unlike
   * LIKE. After a cursor the page is two ranges read one after the other: the rest of the
   * cursor's key, then the keys after it.
   * SQLite: SEARCH k USING COVERING INDEX declarations_alias_id (alias_key=? AND id<?)
   *         SEARCH k USING COVERING INDEX declarations_alias_id (alias_key>? AND alias_key<?)
   *         SEARCH d USING INTEGER PRIMARY KEY (rowid=?)
   */
  async aliasPrefix(
    db: Executor,
    prefix: string,
    page: { after?: { key: string; id: number } | undefined; limit: number },
  ): Promise<ArchiveRow[]> {
    const upper = prefixUpperBound(prefix);
    const rows: ArchiveRow[] = [];
    const after = page.after;
    if (after) rows.push(...(await archiveRepository.aliasExact(db, after.key, { before: after.id, limit: page.limit })));
    if (rows.length >= page.limit) return rows;
    let query = keyed(db)
      .orderBy('k.alias_key')
      .orderBy('k.id', 'desc')
      .limit(page.limit - rows.length);
    query = after ? query.where('k.alias_key', '>', after.key) : query.where('k.alias_key', '>=', prefix);
    if (upper !== null) query = query.where('k.alias_key', '<', upper);
    rows.push(...(await query.execute()).map(toArchiveRow));
    return rows;
  },

  /** The alias key of a declaration, to resume a prefix search after it (a key never changes). */
  async aliasKeyOf(db: Executor, id: number): Promise<string | null> {
    const row = await db.selectFrom('declarations').select('alias_key').where('id', '=', id).executeTakeFirst();
    return row?.alias_key ?? null;
  },

  /**
   * How long each gram's posting list is below `before`, counted up to PROBE_CAP: a search
   * drives from its rarest gram. Each count reads at most PROBE_CAP primary-key entries.
   * SQLite: SEARCH search_grams USING PRIMARY KEY (gram=? AND declaration_id<?), once per gram.
   */
  async gramFrequencies(db: Executor, grams: readonly string[], before: number | undefined): Promise<number[]> {
    if (grams.length === 0) return [];
    const row = (await db
      .selectNoFrom((eb) =>
        grams.map((gram, index) => {
          // Ordered like the index, so no engine is tempted to collect the whole list first.
          let postings = eb
            .selectFrom('search_grams')
            .select('declaration_id')
            .where('gram', '=', gram)
            .orderBy('declaration_id', 'desc');
          if (before !== undefined) postings = postings.where('declaration_id', '<', before);
          return eb
            .selectFrom(postings.limit(PROBE_CAP).as('p'))
            .select((inner) => inner.fn.countAll().as('n'))
            .as(`c${index}`);
        }),
      )
      .executeTakeFirstOrThrow()) as Record<string, unknown>;
    return grams.map((_, index) => Number(row[`c${index}`] ?? 0));
  },

  /**
   * The lowest id among the next GRAM_WINDOW entries of `gram`'s posting list below `before`,
   * or null when fewer remain (the list ends inside the window). A search page reads no
   * further than this, however rare the other grams are.
   * SQLite: SEARCH search_grams USING PRIMARY KEY (gram=? AND declaration_id<?)
   */
  async gramWindowFloor(db: Executor, gram: string, before: number | undefined): Promise<number | null> {
    let postings = db
      .selectFrom('search_grams')
      .select('declaration_id')
      .where('gram', '=', gram)
      .orderBy('declaration_id', 'desc')
      .limit(GRAM_WINDOW);
    if (before !== undefined) postings = postings.where('declaration_id', '<', before);
    const row = await db
      .selectFrom(postings.as('w'))
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('w.declaration_id').as('floor')])
      .executeTakeFirstOrThrow();
    return Number(row.n) < GRAM_WINDOW ? null : Number(row.floor);
  },

  /**
   * Published declarations holding every gram, newest first: the driving gram's posting list is
   * read backwards from the cursor down to `floor`, each candidate is checked against the other
   * grams by primary key and joined to its declaration by id. The CROSS JOIN fixes that order
   * on SQLite (PostgreSQL plans it as the same inner join).
   * SQLite: SEARCH g USING PRIMARY KEY (gram=? AND declaration_id>? AND declaration_id<?)
   *         SEARCH d USING INTEGER PRIMARY KEY (rowid=?)
   *         CORRELATED SCALAR SUBQUERY: SEARCH o USING PRIMARY KEY (gram=? AND declaration_id=?)
   */
  async gramSearch(
    db: Executor,
    search: {
      driver: string;
      others: readonly string[];
      before?: number | undefined;
      floor: number | null;
      limit: number;
    },
  ): Promise<ArchiveRow[]> {
    let query = db
      .selectFrom('search_grams as g')
      .crossJoin('declarations as d')
      .select(COLUMNS)
      .where('g.gram', '=', search.driver)
      .whereRef('d.id', '=', 'g.declaration_id')
      .where(isPublished)
      .orderBy('g.declaration_id', 'desc')
      .limit(search.limit);
    if (search.before !== undefined) query = query.where('g.declaration_id', '<', search.before);
    if (search.floor !== null) query = query.where('g.declaration_id', '>=', search.floor);
    for (const gram of search.others) {
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('search_grams as o')
            .select('o.declaration_id')
            .where('o.gram', '=', gram)
            .whereRef('o.declaration_id', '=', 'g.declaration_id'),
        ),
      );
    }
    return (await query.execute()).map(toArchiveRow);
  },

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
      await writeGrams(db, grams.map((gram) => ({ gram, declaration_id: declarationId })));
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
      await writeGrams(db, rows.flatMap((row) => declarationGrams(row.title, row.region).map((gram) => ({ gram, declaration_id: row.id }))));
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
  async reindexAll(
    db: Kysely<Database>,
    options: { batch?: number; onProgress?: (indexed: number) => void } = {},
  ): Promise<number> {
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

export type ArchiveRepository = typeof archiveRepository;

/** The hooks a status change calls, and the one-off fill, as plain functions. */
export const indexForSearch = archiveRepository.indexForSearch;
export const unindex = archiveRepository.unindex;
export const reindexAll = archiveRepository.reindexAll;
