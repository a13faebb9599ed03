import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { LEGACY_POST_FIELDS, type LegacyPostField, type PostProblem } from '../../domain/history/legacy-post.ts';

/**
 * Reads an export of the old archive (JSON Lines or CSV, told apart by its first character) a chunk at a
 * time, so memory stays bounded whatever the file's size, and says where each line ends in bytes, so
 * an interrupted import can go on from the last line it committed.
 */

export interface PostFile {
  /** A digest of the size and the first megabyte: the same export has the same key wherever it lies. */
  key: string;
  size: number;
  format: 'jsonl' | 'csv';
  /** CSV: the header's fields; JSON Lines: none. */
  columns: LegacyPostField[] | null;
  /** Where the first line of posts starts, and its line number. */
  start: { byte: number; line: number };
}

export type FileProblem =
  | { code: 'file.unreadable'; detail: string }
  | { code: 'file.empty' }
  | { code: 'header.unknownColumn'; detail: string }
  | { code: 'header.repeatedColumn'; detail: string }
  | { code: 'header.missingColumn'; detail: string };

/** One line of posts: its number, the byte after it, and its fields or what is wrong with it. */
export interface SourceLine {
  line: number;
  end: number;
  /** The number of the line after it (a CSV record may span several). */
  next: number;
  fields: Record<string, unknown> | null;
  problem: PostProblem | null;
}

const HEAD_BYTES = 1 << 20;
const CHUNK_BYTES = 4 << 20;
/** A line longer than this is no post (a statement is at most 5,000 characters): refused, not buffered. */
const MAX_LINE_BYTES = 256 * 1024;
const REQUIRED: readonly LegacyPostField[] = ['id', 'number', 'published', 'names', 'orgs'];

/** The fields of one CSV record, or null if its quotes are not closed as CSV closes them. */
function csvFields(text: string): string[] | null {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    if (text.charCodeAt(at) === 34) {
      let value = '';
      at++;
      for (;;) {
        const quote = text.indexOf('"', at);
        if (quote < 0) return null;
        value += text.slice(at, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          value += '"';
          at = quote + 2;
          continue;
        }
        at = quote + 1;
        break;
      }
      out.push(value);
      if (at === text.length) return out;
      if (text.charCodeAt(at) !== 44) return null;
      at++;
    } else {
      const comma = text.indexOf(',', at);
      const value = text.slice(at, comma < 0 ? text.length : comma);
      if (value.includes('"')) return null;
      out.push(value);
      if (comma < 0) return out;
      at = comma + 1;
    }
  }
}

const quotes = (text: string) => {
  let count = 0;
  for (let at = text.indexOf('"'); at >= 0; at = text.indexOf('"', at + 1)) count++;
  return count;
};

/** Opens an export: its key, its format and, for CSV, its header checked against the fields of a post. */
export async function openPostFile(path: string): Promise<{ ok: true; file: PostFile } | { ok: false; problem: FileProblem }> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { ok: false, problem: { code: 'file.unreadable', detail: (error as NodeJS.ErrnoException).code ?? String(error) } };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, problem: { code: 'file.unreadable', detail: 'not a file' } };
    const head = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
    await handle.read(head, 0, head.length, 0);
    const key = createHash('sha256').update(`${stat.size}:`).update(head).digest('hex');
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    const text = head.toString('utf8', bom);
    const first = text.trimStart()[0];
    if (first === undefined) return { ok: false, problem: { code: 'file.empty' } };
    if (first === '{') return { ok: true, file: { key, size: stat.size, format: 'jsonl', columns: null, start: { byte: bom, line: 1 } } };
    const newline = head.indexOf(10, bom);
    const headerEnd = newline < 0 ? head.length : newline + 1;
    const header = csvFields(head.toString('utf8', bom, newline < 0 ? head.length : newline).replace(/\r$/, '')) ?? [];
    const columns: LegacyPostField[] = [];
    for (const name of header) {
      const field = LEGACY_POST_FIELDS.find((known) => known === name.trim().toLowerCase());
      if (!field) return { ok: false, problem: { code: 'header.unknownColumn', detail: name.slice(0, 40) } };
      if (columns.includes(field)) return { ok: false, problem: { code: 'header.repeatedColumn', detail: field } };
      columns.push(field);
    }
    const missing = REQUIRED.find((field) => !columns.includes(field));
    if (missing) return { ok: false, problem: { code: 'header.missingColumn', detail: missing } };
    return { ok: true, file: { key, size: stat.size, format: 'csv', columns, start: { byte: headerEnd, line: 2 } } };
  } finally {
    await handle.close();
  }
}

function jsonFields(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const malformed = (code: string): PostProblem => ({ field: 'line', code });

/**
 * The lines of posts from `from` on (the file's start, or where an earlier run stopped), up to the
 * byte `until` (a line's end) or the file's end, a chunk's worth at a time. Blank lines are skipped;
 * a CSV record may run over several lines inside quotes.
 */
export async function* readPostLines(
  path: string,
  file: PostFile,
  from: { byte: number; line: number },
  until?: number,
): AsyncGenerator<SourceLine[]> {
  const columns = file.columns;
  let carry: Buffer = Buffer.alloc(0);
  let offset = from.byte;
  let lineNumber = from.line;
  // A CSV record whose quotes are still open: its text so far, its first line.
  let pending = null as { text: string; line: number; quotes: number } | null;
  // A line past the limit, being skipped to its end: its number.
  let skipping = null as number | null;
  const toLine = (text: string, line: number, end: number): SourceLine | null => {
    const next = lineNumber;
    const refused = (code: string) => ({ line, end, next, fields: null, problem: malformed(code) });
    if (text.trim() === '') return null;
    if (text.includes('\uFFFD')) return refused('line.encoding');
    if (columns === null) {
      const fields = jsonFields(text);
      return fields ? { line, end, next, fields, problem: null } : refused('line.malformed');
    }
    const values = csvFields(text);
    if (!values) return refused('line.malformed');
    if (values.length !== columns.length) return refused('line.columnCount');
    const fields: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) fields[columns[i]!] = values[i];
    return { line, end, next, fields, problem: null };
  };
  const stream = createReadStream(path, {
    start: from.byte,
    highWaterMark: CHUNK_BYTES,
    ...(until === undefined ? {} : { end: until - 1 }),
  });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buffer = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    const out: SourceLine[] = [];
    let start = 0;
    for (let newline = buffer.indexOf(10, start); newline >= 0; newline = buffer.indexOf(10, start)) {
      const tooLong = newline - start > MAX_LINE_BYTES;
      const text = tooLong ? '' : buffer.toString('utf8', start, newline > start && buffer[newline - 1] === 13 ? newline - 1 : newline);
      const end = offset + newline + 1;
      const line = lineNumber++;
      start = newline + 1;
      if (tooLong && skipping === null) {
        // Refused without being decoded; a CSV record it belonged to is refused whole, never cut short.
        out.push({ line: pending?.line ?? line, end, next: lineNumber, fields: null, problem: malformed('line.tooLong') });
        pending = null;
        continue;
      }
      if (skipping !== null) {
        out.push({ line: skipping, end, next: lineNumber, fields: null, problem: malformed('line.tooLong') });
        skipping = null;
        continue;
      }
      if (columns !== null && (pending !== null || quotes(text) % 2 === 1)) {
        const open: { text: string; line: number; quotes: number } | null = pending;
        pending = open
          ? { line: open.line, text: `${open.text}\n${text}`, quotes: open.quotes + quotes(text) }
          : { text, line, quotes: quotes(text) };
        if (pending.quotes % 2 === 1 && pending.text.length < MAX_LINE_BYTES) continue;
        const record = pending;
        pending = null;
        const read =
          record.quotes % 2 === 1
            ? { line: record.line, end, next: lineNumber, fields: null, problem: malformed('line.tooLong') }
            : toLine(record.text, record.line, end);
        if (read) out.push(read);
        continue;
      }
      const read = toLine(text, line, end);
      if (read) out.push(read);
    }
    offset += start;
    carry = buffer.subarray(start);
    if (carry.length > MAX_LINE_BYTES) {
      // No line ends within the limit: it is refused at its end, without holding it.
      skipping ??= lineNumber;
      offset += carry.length;
      carry = Buffer.alloc(0);
    }
    if (out.length > 0) yield out;
  }
  const end = offset + carry.length;
  if (skipping !== null) {
    yield [{ line: skipping, end, next: lineNumber + 1, fields: null, problem: malformed('line.tooLong') }];
    return;
  }
  // A last line without its line break is a line of its own; a record still in quotes ends here.
  const unterminated = carry.length > 0;
  const line = pending?.line ?? lineNumber;
  if (unterminated) lineNumber++;
  const last = pending ? (unterminated ? `${pending.text}\n${carry.toString('utf8')}` : pending.text) : carry.toString('utf8');
  const read = toLine(last, line, end);
  if (read) yield [read];
}
