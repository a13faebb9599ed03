import { fromDbTime, toDbTime } from '../db/time.ts';
import { prefixUpperBound } from '../domain/declaration/search-grams.ts';
import { COLUMNS, isPublished, keyed, keyedPublished, toArchiveRow, type ArchiveRow } from './archive-rows.ts';
import { archiveSearchIndex } from './archive-search-index.ts';
import { reusableSelect, type Executor } from './executor.ts';

export type { ArchiveRow } from './archive-rows.ts';

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

/** How many entries of a posting list the rarity probe reads at most. */
const PROBE_CAP = 1000;
/** How many entries of the driving posting list one search page reads at most. */
const GRAM_WINDOW = 2000;
/**
 * A page of `list` newest first by id, below `before` when given: each of the two shapes built and
 * compiled once (reusableSelect), the list's values and the page's as stand-ins.
 */
async function newestFirst<Name extends string>(
  db: Executor,
  name: string,
  values: Record<Name, unknown>,
  page: { before?: number | undefined; limit: number },
  list: (standIn: Record<Name, never>) => ReturnType<typeof keyed>,
): Promise<ArchiveRow[]> {
  const rows =
    page.before === undefined
      ? await reusableSelect(db, name, { ...values, limit: page.limit }, (standIn) =>
          list(standIn).orderBy('k.id', 'desc').limit(standIn.limit),
        )
      : await reusableSelect(db, `${name}Before`, { ...values, limit: page.limit, before: page.before }, (standIn) =>
          list(standIn).where('k.id', '<', standIn.before).orderBy('k.id', 'desc').limit(standIn.limit),
        );
  return rows.map(toArchiveRow);
}

const archiveReads = {
  /**
   * The newest published declarations by publication time, the id breaking ties, after the one whose
   * id is `before` when given. Imported posts of the old archive are inserted after statements
   * registered here yet are years older, so the order is not the ids'. The cursor stays an id: its
   * row's publication time is read back by primary key first.
   * SQLite: SEARCH k USING COVERING INDEX declarations_published_order (published_at>? AND published_at<?)
   *         SEARCH d USING INTEGER PRIMARY KEY (rowid=?)
   */
  async latest(db: Executor, page: { before?: number | undefined; limit: number }): Promise<ArchiveRow[]> {
    const newest = (limit: never) =>
      keyed(db)
        // Rows never published have none, first in PostgreSQL's descending order: a range skips them.
        .where('k.published_at', 'is not', null)
        .orderBy('k.published_at', 'desc')
        .orderBy('k.id', 'desc')
        .limit(limit);
    // A cursor whose row is gone (or never published) gives the first page, as an unknown cursor does.
    const [cursor] =
      page.before === undefined
        ? []
        : await reusableSelect(db, 'archive.publishedAtOf', { id: page.before }, ({ id }) =>
            db.selectFrom('declarations').select(['id', 'published_at']).where('id', '=', id),
          );
    if (!cursor?.published_at)
      return (await reusableSelect(db, 'archive.latest', { limit: page.limit }, ({ limit }) => newest(limit))).map(toArchiveRow);
    const after = { at: toDbTime(fromDbTime(cursor.published_at)), id: cursor.id, limit: page.limit };
    const rows = await reusableSelect(db, 'archive.latestAfter', after, ({ at, id, limit }) =>
      newest(limit).where((eb) => eb(eb.refTuple('k.published_at', 'k.id'), '<', eb.tuple(at, id))),
    );
    return rows.map(toArchiveRow);
  },

  /**
   * One counting day, newest first. Retracted rows keep their day and are skipped, so a page
   * reads at most the day's rows, never the table's.
   * SQLite: SEARCH k USING COVERING INDEX declarations_counted_day (counted_day=? AND id<?)
   *         SEARCH d USING INTEGER PRIMARY KEY (rowid=?)
   */
  async byDay(db: Executor, day: string, page: { before?: number | undefined; limit: number }): Promise<ArchiveRow[]> {
    return newestFirst(db, 'archive.byDay', { day }, page, (standIn) => keyed(db).where('k.counted_day', '=', standIn.day));
  },

  /**
   * Featured declarations: the newest featured day first, newest first within a day. The keyset
   * is the pair (featured_on, id), compared as a row value, which both engines read as a range
   * of the (featured_on, id) index.
   * SQLite: SEARCH k USING COVERING INDEX declarations_featured (featured_on>? AND featured_on<?)
   *         SEARCH d USING INTEGER PRIMARY KEY (rowid=?)
   */
  async featured(db: Executor, page: { after?: { day: string; id: number } | undefined; limit: number }): Promise<ArchiveRow[]> {
    let query = keyed(db).where('k.featured_on', 'is not', null).orderBy('k.featured_on', 'desc').orderBy('k.id', 'desc').limit(page.limit);
    const after = page.after;
    if (after) query = query.where((eb) => eb(eb.refTuple('k.featured_on', 'k.id'), '<', eb.tuple(after.day, after.id)));
    return (await query.execute()).map(toArchiveRow);
  },

  /**
   * Declarations whose first name folds to exactly `key`, newest first, from the index of published
   * rows only: pending ones under the same alias, however many, are not read (migration 0026).
   * SQLite: SEARCH k USING COVERING INDEX declarations_alias_published (alias_key=? AND id<?)
   *         SEARCH d USING INTEGER PRIMARY KEY (rowid=?)
   */
  async aliasExact(db: Executor, key: string, page: { before?: number | undefined; limit: number }): Promise<ArchiveRow[]> {
    return newestFirst(db, 'archive.aliasExact', { key }, page, (standIn) => keyedPublished(db).where('k.alias_key', '=', standIn.key));
  },

  /**
   * Declarations whose first name's key starts with `prefix`: in key order (so exact matches
   * come first), newest first within a key, which is the order of the index (alias_key, id desc).
   * "Starts with" is the range [prefix, prefixUpperBound(prefix)), which an index can seek, unlike
   * LIKE. After a cursor the page is two ranges read one after the other: the rest of the
   * cursor's key, then the keys after it.
   * SQLite: SEARCH k USING COVERING INDEX declarations_alias_published (alias_key=? AND id<?)
   *         SEARCH k USING COVERING INDEX declarations_alias_published (alias_key>? AND alias_key<?)
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
    if (after) rows.push(...(await archiveReads.aliasExact(db, after.key, { before: after.id, limit: page.limit })));
    if (rows.length >= page.limit) return rows;
    let query = keyedPublished(db)
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
          let postings = eb.selectFrom('search_grams').select('declaration_id').where('gram', '=', gram).orderBy('declaration_id', 'desc');
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
};

/** The archive's reads and its search index, as one repository. */
export const archiveRepository = { ...archiveReads, ...archiveSearchIndex };

export type ArchiveRepository = typeof archiveRepository;

/** The hooks a status change calls, and the one-off fill, as plain functions. */
export const { unindex, reindexAll } = archiveSearchIndex;
