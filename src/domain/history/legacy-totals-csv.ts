import { CsvError, parse } from 'csv-parse/sync';
import { MOVEMENT_FIRST_DAY, isCalendarDay } from '../counter/day-range.ts';
import { cleanText, findTextProblem } from '../declaration/safe-text.ts';

/**
 * The old registry's published day totals, from a CSV export (docs/history.md): a header row naming
 * `date` and `people`, and optionally `posts`, `party`, `league`, `pioneers` and `source`. This only
 * reads and checks the file, every line of it; nothing here throws on bad input.
 */

/** Twenty years of days are about 7,500 lines of well under 200 bytes: a file past this is not an export of totals. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** More days than a century holds. */
const MAX_DAYS = 40_000;
/** The old site's busiest days were about 110,000 people; a figure past this is a typo or a total. */
export const MAX_DAY_FIGURE = 10_000_000;
const MAX_SOURCE_CHARACTERS = 200;
/** Past this many, the rest of the errors add nothing the operator needs. */
const MAX_ERRORS = 100;

const COLUMNS = ['date', 'people', 'posts', 'party', 'league', 'pioneers', 'source'] as const;
type Column = (typeof COLUMNS)[number];
const FIGURES = ['posts', 'party', 'league', 'pioneers'] as const;

export interface LegacyDay {
  day: string;
  people: number;
  posts: number | null;
  party: number | null;
  league: number | null;
  pioneers: number | null;
  source: string | null;
}

type TotalsProblemCode =
  | 'file.empty'
  | 'file.tooLarge'
  | 'file.encoding'
  | 'file.malformed'
  | 'file.tooManyLines'
  | 'header.unknownColumn'
  | 'header.repeatedColumn'
  | 'header.missingColumn'
  | 'line.columnCount'
  | 'date.invalid'
  | 'date.tooEarly'
  | 'date.tooLate'
  | 'date.repeated'
  | 'number.invalid'
  | 'number.tooLarge'
  | 'number.moreThanPeople'
  | 'text.unsafe'
  | 'text.tooLong';

export interface TotalsProblem {
  /** The line of the file (the header is line 1); 0 for the file as a whole. */
  line: number;
  column?: Column;
  code: TotalsProblemCode;
  /** The limit or the other line the problem is about, when there is one. */
  detail?: string;
}

export type LegacyTotalsFile = { ok: true; days: LegacyDay[] } | { ok: false; problems: TotalsProblem[] };

const fail = (problem: TotalsProblem): LegacyTotalsFile => ({ ok: false, problems: [problem] });

function readHeader(header: string[]): { columns: (Column | null)[]; problems: TotalsProblem[] } {
  const problems: TotalsProblem[] = [];
  const columns = header.map((name) => {
    const folded = name.trim().toLowerCase();
    const column = COLUMNS.find((known) => known === folded) ?? null;
    if (column === null) problems.push({ line: 1, code: 'header.unknownColumn', detail: name.slice(0, 40) });
    return column;
  });
  for (const column of COLUMNS) {
    const count = columns.filter((entry) => entry === column).length;
    if (count > 1) problems.push({ line: 1, column, code: 'header.repeatedColumn' });
    if (count === 0 && (column === 'date' || column === 'people')) problems.push({ line: 1, column, code: 'header.missingColumn' });
  }
  return { columns, problems };
}

/** A whole number written with digits only (no sign, no separators, no decimals). */
function figure(value: string, column: Column, line: number, problems: TotalsProblem[]): number | null {
  if (!/^\d{1,12}$/.test(value)) {
    problems.push({ line, column, code: 'number.invalid' });
    return null;
  }
  const number = Number(value);
  if (number > MAX_DAY_FIGURE) {
    problems.push({ line, column, code: 'number.tooLarge', detail: String(MAX_DAY_FIGURE) });
    return null;
  }
  return number;
}

function readLine(record: string[], line: number, columns: (Column | null)[], today: string, problems: TotalsProblem[]): LegacyDay | null {
  const cell = (column: Column) => {
    const index = columns.indexOf(column);
    return index < 0 ? '' : (record[index] ?? '').trim();
  };
  const before = problems.length;
  const day = cell('date');
  if (!isCalendarDay(day)) problems.push({ line, column: 'date', code: 'date.invalid' });
  else if (day < MOVEMENT_FIRST_DAY) problems.push({ line, column: 'date', code: 'date.tooEarly', detail: MOVEMENT_FIRST_DAY });
  else if (day > today) problems.push({ line, column: 'date', code: 'date.tooLate', detail: today });
  const people = figure(cell('people'), 'people', line, problems);
  const optional = Object.fromEntries(
    FIGURES.map((column) => {
      const value = cell(column);
      const number = value === '' ? null : figure(value, column, line, problems);
      if (number !== null && people !== null && number > people) problems.push({ line, column, code: 'number.moreThanPeople' });
      return [column, number];
    }),
  ) as Record<(typeof FIGURES)[number], number | null>;
  const rawSource = cell('source');
  const sourceProblem = findTextProblem(rawSource, { maxLength: MAX_SOURCE_CHARACTERS, multiline: false });
  if (sourceProblem === 'tooLong') problems.push({ line, column: 'source', code: 'text.tooLong', detail: String(MAX_SOURCE_CHARACTERS) });
  else if (sourceProblem !== null) problems.push({ line, column: 'source', code: 'text.unsafe' });
  if (problems.length > before || people === null) return null;
  const source = cleanText(rawSource, false);
  return { day, people, ...optional, source: source === '' ? null : source };
}

/**
 * Reads an export. `today` (in the counting zone) is the last day it may hold. The result has every
 * day, or every problem found (up to a hundred), by line.
 */
export function readLegacyTotals(bytes: Uint8Array, today: string): LegacyTotalsFile {
  if (bytes.byteLength > MAX_FILE_BYTES) return fail({ line: 0, code: 'file.tooLarge', detail: String(MAX_FILE_BYTES) });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail({ line: 0, code: 'file.encoding' });
  }
  if (text.trim() === '') return fail({ line: 0, code: 'file.empty' });
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 4096,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return fail({ line: Number((error as CsvError & { lines?: number }).lines ?? 0), code: 'file.malformed' });
  }
  const [header, ...rows] = records;
  if (!header || rows.length === 0) return fail({ line: 0, code: 'file.empty' });
  if (rows.length > MAX_DAYS) return fail({ line: 0, code: 'file.tooManyLines', detail: String(MAX_DAYS) });
  const { columns, problems } = readHeader(header.record);
  if (problems.length > 0) return { ok: false, problems };
  const days: LegacyDay[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of rows) {
    if (problems.length >= MAX_ERRORS) break;
    const line = info.lines;
    if (record.length !== columns.length) {
      problems.push({ line, code: 'line.columnCount', detail: String(columns.length) });
      continue;
    }
    const day = readLine(record, line, columns, today, problems);
    if (!day) continue;
    const first = seen.get(day.day);
    if (first !== undefined) problems.push({ line, column: 'date', code: 'date.repeated', detail: String(first) });
    else seen.set(day.day, line);
    days.push(day);
  }
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, MAX_ERRORS) } : { ok: true, days };
}
