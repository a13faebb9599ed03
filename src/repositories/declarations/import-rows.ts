import { CompiledQuery, sql } from 'kysely';
import type { Organization } from '../../domain/declaration/organizations.ts';
import { archiveSearchIndex } from '../archive-search-index.ts';
import { storedTitle } from '../declaration-title.ts';
import { reusableSql, type Executor } from '../executor.ts';
import { enqueueLogChanges } from '../log/log-queue.ts';

/**
 * A post of the previous site's archive, as read (domain/history/legacy-post.ts), to be held here as
 * a published statement (docs/history.md).
 */
export interface ImportedDeclaration {
  legacyId: number;
  registrationNumber: string;
  names: readonly string[];
  headcount: number;
  orgs: readonly Organization[];
  title: string | null;
  region: string | null;
  statement: string | null;
  feedback: string | null;
  featured: boolean;
  /** The publication time as the database stores times (toDbTime). */
  publishedText: string;
  countedDay: string;
}

/**
 * The columns an imported post fills, in the order of ImportRows' values. Not text_key: the
 * near-identical signal looks at hours around a new submission, and an imported post was published
 * years before; folding and hashing its text would cost the import about 4 µs a post for nothing.
 */
export const IMPORT_COLUMNS = [
  'registration_number',
  'password_hash',
  'names',
  'name_count',
  'headcount',
  'party',
  'league',
  'pioneers',
  'title',
  'region',
  'statement',
  'created_at',
  'status_changed_at',
  'published_at',
  'feedback',
  'featured_on',
  'alias_key',
  'counted_day',
  'legacy_id',
] as const;

/** Where each column's value is in a post's values. */
export const IMPORT_AT = Object.fromEntries(IMPORT_COLUMNS.map((column, index) => [column, index])) as Record<
  (typeof IMPORT_COLUMNS)[number],
  number
>;
export const IMPORT_WIDTH = IMPORT_COLUMNS.length;

/** The channel imported statements count under in the breakdowns. */
export const LEGACY_CHANNEL = 'legacy';

/**
 * Values the same for every imported post, written as literals in the statement: published here on
 * its original date (created, status changed and published at the same instant), in the old site's
 * language, of admission class imported.
 */
export const SHARED_IMPORT_VALUES = {
  status: 'published',
  behalf: 'self',
  consent: 0,
  channel: LEGACY_CHANNEL,
  locale: 'zh-hans',
  admission: 'imported',
} as const;

/**
 * A batch of posts as one flat array of values, IMPORT_WIDTH a post: what a reading thread sends
 * the writing one (a copy between threads costs far less than one object a post) and what the
 * INSERT binds, without a step between.
 */
export interface ImportRows {
  values: (string | number | null)[];
  count: number;
}

const flag = (orgs: readonly Organization[], org: Organization): 0 | 1 => (orgs.includes(org) ? 1 : 0);

/**
 * Appends a post's values to a batch, with the old query password as our HMAC ('' when the export had
 * none: then no receipt finds it), its names as stored (JSON) and the alias key of its first name.
 */
export function addImportRow(
  rows: ImportRows,
  post: ImportedDeclaration,
  passwordHash: string,
  namesJson: string,
  aliasKey: string | null,
): void {
  const at = post.publishedText;
  rows.values.push(
    post.registrationNumber,
    passwordHash,
    namesJson,
    post.names.length,
    post.headcount,
    flag(post.orgs, 'party'),
    flag(post.orgs, 'league'),
    flag(post.orgs, 'pioneers'),
    storedTitle(post.title),
    post.region,
    post.statement,
    at,
    at,
    at,
    post.feedback,
    post.featured ? post.countedDay : null,
    aliasKey,
    post.countedDay,
    post.legacyId,
  );
  rows.count++;
}

/**
 * How the rows, their search grams and their log queue entries are written: through Kysely on any
 * engine (kyselyImportWriter), or, for a bulk import into a SQLite registry held alone, through
 * prepared statements (import-rows-sqlite.ts).
 */
export interface ImportWriter {
  /** Inserts the rows, skipping each whose number or legacy id is held already; the id of each post, 0 for one skipped. */
  insertRows(db: Executor, rows: ImportRows): Promise<Float64Array>;
  insertGrams(db: Executor, grams: readonly string[], ids: readonly number[]): Promise<void>;
  enqueueLog(db: Executor, ids: readonly number[]): Promise<void>;
}

/**
 * Rows per INSERT: 19 bound values a row stays under SQLite's 32,766 and PostgreSQL's 65,535, and a
 * statement this long costs far less per row than a short one.
 */
const ROWS_PER_STATEMENT = 500;

/**
 * The INSERT of `rows` posts, built once per size: a post's values are its parameters, in the order
 * of IMPORT_COLUMNS, and the shared values are literals.
 */
function insertSql(db: Executor, rows: number): string {
  return reusableSql(db, `declarations.insertImported:${rows}`, () => {
    const shared = Object.fromEntries(Object.entries(SHARED_IMPORT_VALUES).map(([column, value]) => [column, sql.lit(value)]));
    const row = { ...Object.fromEntries(IMPORT_COLUMNS.map((column) => [column, ''])), ...shared };
    return db
      .insertInto('declarations')
      .values(Array.from({ length: rows }, () => row) as never)
      .onConflict((conflict) => conflict.doNothing())
      .returning(['id', 'registration_number'])
      .compile();
  });
}

export const kyselyImportWriter: ImportWriter = {
  async insertRows(db, rows) {
    const ids = new Float64Array(rows.count);
    for (let start = 0; start < rows.count; start += ROWS_PER_STATEMENT) {
      const end = Math.min(start + ROWS_PER_STATEMENT, rows.count);
      const inserted = await db.executeQuery<{ id: number; registration_number: string }>(
        CompiledQuery.raw(insertSql(db, end - start), rows.values.slice(start * IMPORT_WIDTH, end * IMPORT_WIDTH)),
      );
      const written = new Map(inserted.rows.map((row) => [row.registration_number, Number(row.id)]));
      // A number repeated in the statement is written once, for its first place.
      for (let place = start; place < end; place++) {
        const number = rows.values[place * IMPORT_WIDTH + IMPORT_AT.registration_number] as string;
        const id = written.get(number);
        if (id === undefined) continue;
        ids[place] = id;
        written.delete(number);
      }
    }
    return ids;
  },
  insertGrams: (db, grams, ids) => archiveSearchIndex.indexImported(db, grams, ids),
  enqueueLog: (db, ids) => enqueueLogChanges(db, ids),
};
