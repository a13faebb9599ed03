import { parse } from 'csv-parse/sync';
import { aliasKey } from '../declaration/alias-key.ts';
import { behalfToken, orgTokens } from './batch-input.ts';

/**
 * Rows for a batch from a spreadsheet saved as CSV (or copied as tab-separated
 * text), with a header row in English or Chinese. This only reads the sheet:
 * the values go through the batch schema afterwards, which reports per row and
 * field. Here the errors are per line of the file, and bad input never throws.
 */
export const MAX_CSV_ROWS = 5000;
/** A field or record longer than this is a runaway quote, not a name. */
const MAX_RECORD_CHARACTERS = 10_000;
/** Each broken line makes the parser start again; past this many, the file is not worth reading on. */
const MAX_MALFORMED_LINES = 50;

type CsvColumn = 'name' | 'orgs' | 'headcount' | 'region' | 'behalf' | 'title' | 'statement';

export interface CsvRow {
  /** The line of the file where the row starts (the header is line 1). */
  line: number;
  name: string;
  /** Organization keys where recognised ("党团队" → party, league, pioneers); anything else as written. */
  orgs: string[];
  headcount: string;
  region: string;
  /** A behalf key where recognised ("家人" → family); anything else as written; blank for "self". */
  behalf: string;
  title: string;
  statement: string;
}

interface CsvError {
  readonly line: number;
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface CsvRows {
  rows: CsvRow[];
  errors: CsvError[];
}

/** Header names, folded like aliases (simplified script, lower case, no spaces). */
const HEADERS: Readonly<Record<string, CsvColumn>> = {
  name: 'name',
  names: 'name',
  alias: 'name',
  姓名: 'name',
  化名: 'name',
  名字: 'name',
  '姓名/化名': 'name',
  '化名/姓名': 'name',
  姓名或化名: 'name',
  orgs: 'orgs',
  org: 'orgs',
  organizations: 'orgs',
  organisations: 'orgs',
  组织: 'orgs',
  退出组织: 'orgs',
  headcount: 'headcount',
  count: 'headcount',
  people: 'headcount',
  人数: 'headcount',
  region: 'region',
  from: 'region',
  来自: 'region',
  地区: 'region',
  behalf: 'behalf',
  onbehalfof: 'behalf',
  为谁: 'behalf',
  为谁声明: 'behalf',
  title: 'title',
  标题: 'title',
  statement: 'statement',
  声明: 'statement',
  声明内容: 'statement',
};

/** "人數 *", "Region (optional)" and "来自（选填）" name the same columns as their bare words. */
function headerKey(text: string): string {
  return aliasKey(text)
    .replace(/[*＊]+$/u, '')
    .replace(/[(（][^()（）]*[)）]$/u, '');
}

const isBlank = (cell: string | undefined) => cell === undefined || cell.trim() === '';
const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;
const clip = (text: string) => [...text].slice(0, 60).join('');

function decode(input: string | Uint8Array): string | null {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return null;
    }
  }
  return text.isWellFormed() ? text : null;
}

/** Copying cells from a spreadsheet gives tabs; files have commas, or semicolons in some locales. */
function delimiterOf(headerLine: string): string {
  return ['\t', ',', ';'].find((delimiter) => headerLine.includes(delimiter)) ?? ',';
}

interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * Reads records with the parser, which stops at the first broken quote. Each time it does, the
 * line where the broken record began is reported and reading resumes after it, so one stray quote
 * costs one row, never the rest of the file, and no row is lost without an error.
 */
function readRecords(lines: readonly string[], delimiter: string): { records: CsvRecord[]; errors: CsvError[] } {
  const records: CsvRecord[] = [];
  const errors: CsvError[] = [];
  /** The first line after `line` that is not blank (1-based, as `line`). */
  const nextFilledLine = (line: number) => {
    const index = lines.findIndex((content, i) => i >= line && content.trim() !== '');
    return index === -1 ? line + 1 : index + 1;
  };
  // `start` counts the lines already read; the parser numbers the rest from 1.
  let start = 0;
  while (start < lines.length) {
    let lastEnd = start;
    try {
      parse(lines.slice(start).join('\n'), {
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
        max_record_size: MAX_RECORD_CHARACTERS,
        on_record: (record: string[], context) => {
          // The parser counts the line where a record ends; a quoted line break moves the start up.
          const breaks = record.reduce((sum, cell) => sum + cell.split('\n').length - 1, 0);
          lastEnd = start + context.lines;
          records.push({ line: lastEnd - breaks, cells: record });
          return null;
        },
      });
      break;
    } catch (error) {
      const failedAt = nextFilledLine(lastEnd);
      if (errors.length === MAX_MALFORMED_LINES) {
        errors.push({ line: failedAt, code: 'csv.tooManyErrors', params: { max: MAX_MALFORMED_LINES } });
        break;
      }
      errors.push({ line: failedAt, code: 'csv.malformed', params: {} });
      // A quote noticed where it was read: skip to the line after. A quote never closed was
      // noticed at the end of the text: skip only the line it opened on and read on from there.
      const { code, lines: noticed } = error as { code?: string; lines?: number };
      const resumeAfter = code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'INVALID_OPENING_QUOTE' ? start + (noticed ?? 0) : failedAt;
      start = Math.max(start + 1, failedAt, resumeAfter);
    }
  }
  return { records, errors };
}

export function parseCsvRows(input: string | Uint8Array): CsvRows {
  const decoded = decode(input);
  // U+FFFD is what a decoder leaves where the bytes were not UTF-8 (a GBK or Big5 file, say).
  if (decoded === null || decoded.includes('\uFFFD')) {
    const line = decoded === null ? 1 : lineOf(decoded, decoded.indexOf('\uFFFD'));
    return { rows: [], errors: [{ line, code: 'csv.notUtf8', params: {} }] };
  }
  // One line break everywhere, so the parser's line numbers are the ones an editor shows.
  const text = decoded.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const firstLine = lines.findIndex((line) => line.trim() !== '');
  if (firstLine === -1) return { rows: [], errors: [{ line: 1, code: 'csv.empty', params: {} }] };

  const { records, errors } = readRecords(lines, delimiterOf(lines[firstLine] ?? ''));

  const [header, ...data] = records;
  if (!header) {
    errors.push({ line: firstLine + 1, code: 'csv.empty', params: {} });
    return { rows: [], errors: sortByLine(errors) };
  }

  const columns: (CsvColumn | null)[] = [];
  for (const cell of header.cells) {
    const title = cell.trim();
    const column = title === '' ? undefined : HEADERS[headerKey(title)];
    if (title !== '' && column === undefined) {
      errors.push({ line: header.line, code: 'csv.unknownHeader', params: { name: clip(title) } });
    } else if (column !== undefined && columns.includes(column)) {
      errors.push({ line: header.line, code: 'csv.duplicateHeader', params: { name: clip(title) } });
    }
    columns.push(column === undefined || columns.includes(column) ? null : column);
  }
  if (!columns.includes('name')) {
    errors.push({ line: header.line, code: 'csv.nameColumnMissing', params: {} });
    return { rows: [], errors: sortByLine(errors) };
  }
  // Values under an unknown header are already reported there; values past the header, or under a blank one, are not.
  const titled = new Set(header.cells.flatMap((cell, index) => (cell.trim() === '' ? [] : [index])));

  const rows: CsvRow[] = [];
  for (const { line, cells } of data) {
    if (cells.every(isBlank)) continue;
    if (cells.some((cell, index) => !titled.has(index) && !isBlank(cell))) {
      errors.push({ line, code: 'csv.tooManyColumns', params: { max: titled.size } });
      continue;
    }
    if (rows.length === MAX_CSV_ROWS) {
      errors.push({ line, code: 'csv.tooManyRows', params: { max: MAX_CSV_ROWS } });
      break;
    }
    const cell = (column: CsvColumn) => {
      const index = columns.indexOf(column);
      return index === -1 ? '' : (cells[index] ?? '');
    };
    rows.push({
      line,
      name: cell('name'),
      orgs: orgTokens(cell('orgs')),
      headcount: cell('headcount'),
      region: cell('region'),
      behalf: behalfToken(cell('behalf')),
      title: cell('title'),
      statement: cell('statement'),
    });
  }
  return { rows, errors: sortByLine(errors) };
}

function sortByLine(errors: CsvError[]): CsvError[] {
  return errors.sort((a, b) => a.line - b.line);
}
