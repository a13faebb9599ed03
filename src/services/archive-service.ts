import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { countingDay } from '../domain/counter/counting-day.ts';
import { aliasKey } from '../domain/declaration/alias-key.ts';
import { LIMITS } from '../domain/declaration/declaration-input.ts';
import { findTextProblem } from '../domain/declaration/safe-text.ts';
import { MIN_QUERY_CHARACTERS, codePointLength, containsFolded, queryGrams, searchFold } from '../domain/declaration/search-grams.ts';
import type { ArchiveRepository, ArchiveRow } from '../repositories/archive-repository.ts';
import type { PublishedDeclaration } from './declaration-service.ts';
import { isCalendarDay } from '../domain/counter/day-range.ts';
import { fail, ok, type Result } from './result.ts';

/** A published declaration in a list: the permalink's fields, and the days it belongs to. */
export interface ArchiveItem extends PublishedDeclaration {
  /** The day it counts on, in the counting time zone (the day page it is listed on). */
  countedDay: string | null;
  featuredOn: string | null;
}

export interface ArchivePage {
  items: ArchiveItem[];
  /** The cursor of the next (older) page, or null on the last one. */
  next: string | null;
}

export const SEARCH_FIELDS = ['alias', 'title', 'region'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export const SEARCH_MODES = ['exact', 'prefix'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export interface SearchRequest {
  q: string;
  field: SearchField;
  /** For aliases only: the whole folded first name, or its beginning. */
  mode?: SearchMode | undefined;
  before?: string | undefined;
  limit?: number | undefined;
}

/** Why a query cannot be searched; `limit` is the bound it broke, `code` what is wrong with its characters. */
type SearchProblem =
  | { problem: 'empty' }
  | { problem: 'tooShort'; limit: number }
  | { problem: 'tooLong'; limit: number }
  | { problem: 'characters'; code: 'text.malformed' | 'text.control' | 'text.bidi' | 'text.hidden' | 'text.marks' };
export type SearchOutcome = { ok: true; value: ArchivePage } | ({ ok: false } & SearchProblem);

const PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 50;
/** What a search box takes before folding; anything longer cannot match a title (100) anyway. */
const MAX_RAW_QUERY = 200;
const MAX_ID = 2 ** 31 - 1;

/**
 * Cursors are base64url of the last id a page showed ("featured" adds its
 * day): opaque to clients and parsed strictly, so nothing but an id (and a
 * day) can come back in. Anything else is no cursor: the first page.
 */
export function encodeCursor(id: number): string {
  return Buffer.from(String(id), 'latin1').toString('base64url');
}

function decodeText(cursor: string | undefined | null, maxLength: number): string | null {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > maxLength || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('latin1');
  // Only the canonical spelling: one cursor per position, nothing smuggled in padding bits.
  return Buffer.from(text, 'latin1').toString('base64url') === cursor ? text : null;
}

function parseId(text: string): number | null {
  if (!/^[1-9][0-9]{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= MAX_ID ? id : null;
}

export function decodeCursor(cursor: string | undefined | null): number | undefined {
  const text = decodeText(cursor, 16);
  return (text === null ? null : parseId(text)) ?? undefined;
}

export function encodeFeaturedCursor(day: string, id: number): string {
  return Buffer.from(`${day}_${id}`, 'latin1').toString('base64url');
}

function decodeFeaturedCursor(cursor: string | undefined | null): { day: string; id: number } | undefined {
  const text = decodeText(cursor, 32);
  const match = text === null ? null : /^(\d{4}-\d{2}-\d{2})_(\d+)$/.exec(text);
  if (!match || !isCalendarDay(match[1]!)) return undefined;
  const id = parseId(match[2]!);
  return id === null ? undefined : { day: match[1]!, id };
}

function toItem(row: ArchiveRow): ArchiveItem {
  return {
    registrationNumber: row.registrationNumber,
    names: row.names,
    headcount: row.headcount,
    orgs: row.orgs,
    title: row.title,
    region: row.region,
    statement: row.statement,
    behalf: row.behalf,
    publishedAt: row.publishedAt,
    countedDay: row.countedDay,
    featuredOn: row.featuredOn,
  };
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isInteger(limit)) return PAGE_SIZE;
  return Math.min(Math.max(limit, 1), MAX_PAGE_SIZE);
}

/** Rows fetched with limit + 1: the extra one only says that a next page exists. */
function toPage(rows: ArchiveRow[], limit: number, cursorOf: (row: ArchiveRow) => string = (row) => encodeCursor(row.id)): ArchivePage {
  const items = rows.slice(0, limit);
  return { items: items.map(toItem), next: rows.length > limit ? cursorOf(items.at(-1)!) : null };
}

export interface ArchiveServiceDeps {
  db: Kysely<Database>;
  archive: ArchiveRepository;
  /** The counting time zone (TUIDANG_TIMEZONE): days are its calendar days. */
  timeZone: string;
  now?: () => Date;
}

/**
 * The public archive of published declarations: the latest, by day, the daily
 * selection and search, each a page of at most MAX_PAGE_SIZE with a cursor to
 * the next. Pages are keyset pages by id (never OFFSET), so declarations
 * published while someone reads never repeat or skip an item on the next page.
 */
export function createArchiveService({ db, archive, timeZone, now = () => new Date() }: ArchiveServiceDeps) {
  let today = { second: Number.NaN, day: '' };
  async function searchAlias(key: string, mode: SearchMode, before: number | undefined, limit: number): Promise<ArchivePage> {
    if (mode === 'exact') return toPage(await archive.aliasExact(db, key, { before, limit: limit + 1 }), limit);
    // A prefix page resumes after the cursor's (key, id); the key is read back by id. A cursor
    // whose key does not start with the prefix belongs to another search: first page.
    let after: { key: string; id: number } | undefined;
    if (before !== undefined) {
      const cursorKey = await archive.aliasKeyOf(db, before);
      if (cursorKey?.startsWith(key)) after = { key: cursorKey, id: before };
    }
    return toPage(await archive.aliasPrefix(db, key, { after, limit: limit + 1 }), limit);
  }

  /**
   * Title or region: the candidates are the declarations holding every bigram of the query,
   * read from the rarest bigram's posting list, at most GRAM_WINDOW entries per page; each is
   * then checked against its folded text. A page may hold fewer than `limit` items (even none)
   * and still have a next one: the cursor then continues below what this page examined.
   */
  async function searchGrams(field: 'title' | 'region', folded: string, before: number | undefined, limit: number): Promise<ArchivePage> {
    const grams = queryGrams(field, folded);
    let driver = grams[0]!;
    if (grams.length > 1) {
      const frequencies = await archive.gramFrequencies(db, grams, before);
      if (frequencies.some((n) => n === 0)) return { items: [], next: null };
      driver = grams[frequencies.indexOf(Math.min(...frequencies))]!;
    }
    const others = grams.filter((gram) => gram !== driver);
    const floor = await archive.gramWindowFloor(db, driver, before);
    const rows = await archive.gramSearch(db, { driver, others, before, floor, limit: limit + 1 });
    const examined = rows.slice(0, limit);
    const items = examined.filter((row) => containsFolded(field === 'title' ? row.title : row.region, folded)).map(toItem);
    const next = rows.length > limit ? encodeCursor(examined.at(-1)!.id) : floor !== null ? encodeCursor(floor) : null;
    return { items, next };
  }

  return {
    /** Today in the counting time zone, for the day pages' navigation. */
    today(): string {
      const at = now();
      const second = Math.floor(at.getTime() / 1000);
      // Formatting a date in a zone costs 10-25 µs, asked for by every archive page: once a second (zones are offset by whole seconds).
      if (second !== today.second) today = { second, day: countingDay(at, timeZone) };
      return today.day;
    },

    async latest(options: { before?: string | undefined; limit?: number | undefined } = {}): Promise<ArchivePage> {
      const limit = pageSize(options.limit);
      return toPage(await archive.latest(db, { before: decodeCursor(options.before), limit: limit + 1 }), limit);
    },

    async byDay(day: string, options: { before?: string | undefined; limit?: number | undefined } = {}): Promise<Result<ArchivePage>> {
      if (typeof day !== 'string' || !isCalendarDay(day)) return fail('request.dayInvalid');
      const limit = pageSize(options.limit);
      return ok(toPage(await archive.byDay(db, day, { before: decodeCursor(options.before), limit: limit + 1 }), limit));
    },

    async featured(options: { before?: string | undefined; limit?: number | undefined } = {}): Promise<ArchivePage> {
      const limit = pageSize(options.limit);
      const rows = await archive.featured(db, { after: decodeFeaturedCursor(options.before), limit: limit + 1 });
      return toPage(rows, limit, (row) => encodeFeaturedCursor(row.featuredOn!, row.id));
    },

    async search(request: SearchRequest): Promise<SearchOutcome> {
      const limit = pageSize(request.limit);
      const before = decodeCursor(request.before);
      // Counted in characters, as the API documents it; two UTF-16 units each at most, so this bound goes first.
      if (typeof request.q !== 'string' || request.q.length > 2 * MAX_RAW_QUERY)
        return { ok: false, problem: 'tooLong', limit: LIMITS.title };
      // Stored text never holds these, so no query with them can match; refused here on both engines alike
      // (PostgreSQL cannot even take a NUL as a text parameter, SQLite would search for it).
      const characters = findTextProblem(request.q, { maxLength: MAX_RAW_QUERY, multiline: false });
      if (characters === 'tooLong') return { ok: false, problem: 'tooLong', limit: LIMITS.title };
      if (characters !== null) return { ok: false, problem: 'characters', code: `text.${characters}` };
      if (request.field === 'alias') {
        const key = aliasKey(request.q);
        if (key === '') return { ok: false, problem: 'empty' };
        if (codePointLength(key) > LIMITS.name) return { ok: false, problem: 'tooLong', limit: LIMITS.name };
        return { ok: true, value: await searchAlias(key, request.mode ?? 'exact', before, limit) };
      }
      const folded = searchFold(request.q);
      const max = request.field === 'title' ? LIMITS.title : LIMITS.region;
      if (folded === '') return { ok: false, problem: 'empty' };
      if (codePointLength(folded) < MIN_QUERY_CHARACTERS) return { ok: false, problem: 'tooShort', limit: MIN_QUERY_CHARACTERS };
      if (codePointLength(folded) > max) return { ok: false, problem: 'tooLong', limit: max };
      return { ok: true, value: await searchGrams(request.field, folded, before, limit) };
    },
  };
}

export type ArchiveService = ReturnType<typeof createArchiveService>;
