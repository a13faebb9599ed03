import {
  MAX_BATCH_ROWS,
  batchRowSchema,
  duplicateKey,
  parseBatchInput,
  type BatchError,
  type BatchRow,
} from '../../domain/batch/batch-input.ts';
import { parseCsvRows, type CsvRow } from '../../domain/batch/csv-rows.ts';
import { issueError } from '../../domain/declaration/fields.ts';
import type { ErrorCode, Locale } from '../../i18n/index.ts';
import { Permission, can, type Actor } from '../../domain/staff/permissions.ts';
import { fail, ok, type Result } from '../result.ts';
import type { BatchEntry, BatchReceipt, EntryReceipt } from './entry.ts';

/** The shared fields as the form posted them (consent is the checkbox's value, if ticked); each batch checks them again. */
export interface SharedInput {
  channel: string;
  conversationDate: string;
  consent: string | undefined;
  note: string;
}

/** A row read from a file, with the line it starts on. */
export type Candidate = CsvRow;

/** Something about one line of a file: an unreadable line, or a row that failed the checks. */
export interface LineNote {
  line: number;
  field: string | null;
  code: string;
  params: Readonly<Record<string, string | number>>;
}

export interface RowProblem {
  field: string;
  code: string;
  params: Readonly<Record<string, string | number>>;
}

export interface ReviewedRow {
  candidate: Candidate;
  parsed: BatchRow | null;
  problems: RowProblem[];
  /** The file line of an earlier row with the same name and region. */
  sameAs: number | null;
  /** Entries with the same name and region in the last 30 days. */
  recent: number;
}

export interface Review {
  rows: ReviewedRow[];
  sharedErrors: BatchError[];
}

export interface ReceiptLine {
  /** The form row or the file line. */
  ref: number;
  name: string;
  registrationNumber: string;
  queryPassword: string;
}

/** What the batches of a file entered, their receipts by file line. */
export interface ImportResult {
  status: EntryReceipt['status'];
  declarations: number;
  people: number;
  receipts: ReceiptLine[];
}

interface ImportPreview {
  /** The file's problems: unreadable lines, ignored columns. */
  notes: LineNote[];
  /** The lines that will not be entered, carried to the receipts. */
  skipped: LineNote[];
  /** Null when the file has no row at all. */
  review: Review | null;
}

type ImportOutcome =
  | { kind: 'forbidden' }
  /** Every batch entered now, or before (a repeat of the confirmation shows the first receipts). */
  | { kind: 'entered'; result: ImportResult }
  /** Nothing entered: a row or a shared field is wrong, or possible duplicates wait for an acknowledgement. */
  | { kind: 'refused'; review: Review; duplicates: boolean }
  /**
   * A batch failed after the check (someone entered the same name a moment ago, say): it and the
   * rest were not entered; the batches before it were, and their receipts must still be shown.
   */
  | { kind: 'stopped'; result: ImportResult; unfinished: number; review: Review; error: ErrorCode; duplicates: boolean };

/** CSV notes about the header: a column was ignored, but no row is lost. */
const HEADER_NOTES = new Set(['csv.unknownHeader', 'csv.duplicateHeader']);

const rowInput = (row: Candidate) => ({
  name: row.name,
  orgs: row.orgs,
  headcount: row.headcount,
  region: row.region,
  behalf: row.behalf,
  title: row.title,
  statement: row.statement,
});

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** The first problem of each field of one row, as the batch schema reports it. */
function rowProblems(issues: readonly { path: readonly PropertyKey[]; message: string }[]): RowProblem[] {
  const seen = new Set<string>();
  const problems: RowProblem[] = [];
  for (const issue of issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : 'row';
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, ...issueError(issue) });
  }
  return problems;
}

const receiptLines = (receipts: readonly EntryReceipt[], refOf: (row: number) => number): ReceiptLine[] =>
  receipts.map((receipt) => ({
    ref: refOf(receipt.row),
    name: receipt.name,
    registrationNumber: receipt.registrationNumber,
    queryPassword: receipt.queryPassword,
  }));

/**
 * A file of rows, checked whole and entered as batches of at most MAX_BATCH_ROWS: nothing is
 * entered unless every row and the shared fields are in order, and possible duplicates are
 * looked for across the whole file, not one batch at a time.
 */
export function createBatchImport(entry: Pick<BatchEntry, 'checkDuplicates' | 'submitBatch' | 'enteredBatch'>) {
  /**
   * Checks rows read from a file: each row against the batch schema, the shared fields, and (when
   * everything else is in order) possible duplicates, across the whole file even when it is entered
   * as several batches. Null if the actor may not enter.
   */
  async function review(actor: Actor, candidates: readonly Candidate[], shared: SharedInput): Promise<Review | null> {
    const rows: ReviewedRow[] = candidates.map((candidate) => {
      const result = batchRowSchema.safeParse(rowInput(candidate));
      return result.success
        ? { candidate, parsed: { row: 0, ...result.data }, problems: [], sameAs: null, recent: 0 }
        : { candidate, parsed: null, problems: rowProblems(result.error.issues), sameAs: null, recent: 0 };
    });
    let valid = rows.filter((row) => row.parsed !== null);
    const sample = valid[0];
    const checked = parseBatchInput({ ...shared, rows: sample ? [rowInput(sample.candidate)] : [] });
    const sharedErrors = checked.ok ? [] : checked.errors.filter((error) => error.row === 0 && error.field !== 'rows');
    if (sharedErrors.length > 0 || valid.length === 0) return { rows, sharedErrors };

    for (const chunk of chunked(valid, MAX_BATCH_ROWS)) {
      const outcome = await entry.checkDuplicates(actor, { ...shared, rows: chunk.map((row) => rowInput(row.candidate)) });
      if (outcome.ok) {
        for (const warning of outcome.value) {
          const row = chunk[warning.row - 1];
          if (row) row.recent = warning.recent;
        }
        continue;
      }
      if (outcome.error === 'auth.forbidden') return null;
      // Only if the rules moved between the two checks (the date at midnight, say).
      for (const error of outcome.rowErrors ?? [{ row: 0, field: 'batch', code: outcome.error, params: {} }]) {
        const row = error.row > 0 ? chunk[error.row - 1] : undefined;
        if (!row) {
          if (!sharedErrors.some((known) => known.field === error.field)) sharedErrors.push(error);
          continue;
        }
        row.parsed = null;
        row.problems.push({ field: error.field, code: error.code, params: error.params });
      }
    }
    valid = valid.filter((row) => row.parsed !== null);
    const firstLine = new Map<string, number>();
    for (const row of valid) {
      const key = duplicateKey(row.parsed!);
      const earlier = firstLine.get(key);
      if (earlier === undefined) firstLine.set(key, row.candidate.line);
      else row.sameAs = earlier;
    }
    return { rows, sharedErrors };
  }

  return {
    /** Reads a file (bytes, or text pasted from a sheet) and checks every row of it; enters nothing. */
    async previewImport(actor: Actor, file: Uint8Array | string, shared: SharedInput): Promise<Result<ImportPreview>> {
      if (!can(actor, Permission.DeclarationsEnter)) return fail('auth.forbidden');
      const parsed = parseCsvRows(file);
      const notes: LineNote[] = parsed.errors.map((error) => ({ line: error.line, field: null, code: error.code, params: error.params }));
      if (parsed.rows.length === 0) return ok({ notes, skipped: [], review: null });
      const checked = await review(actor, parsed.rows, shared);
      if (!checked) return fail('auth.forbidden');
      return ok({ notes, skipped: notes.filter((note) => !HEADER_NOTES.has(note.code)), review: checked });
    },

    /**
     * Enters the rows of a previewed file, checked again first: a file longer than one batch is
     * entered as several, and none of them starts unless all of them can. With the preview's one-use
     * token, a repeat (a reload of the receipts) shows the batches it entered, and enters nothing.
     */
    async confirmImport(
      actor: Actor,
      input: { rows: readonly Candidate[]; shared: SharedInput },
      options: { acknowledgeDuplicates: boolean; locale: Locale; token: string | null },
    ): Promise<ImportOutcome> {
      if (!can(actor, Permission.DeclarationsEnter)) return { kind: 'forbidden' };
      const { rows, shared } = input;
      const entered: BatchReceipt[] = [];
      for (let part = 0; options.token; part++) {
        const first = await entry.enteredBatch(actor, options.token, part);
        if (!first) break;
        entered.push(first);
      }
      if (entered.length > 0) {
        const parts = chunked(rows, MAX_BATCH_ROWS);
        return {
          kind: 'entered',
          result: {
            status: entered[0]!.status,
            declarations: entered.reduce((sum, part) => sum + part.declarations, 0),
            people: entered.reduce((sum, part) => sum + part.people, 0),
            receipts: entered.flatMap((part, index) => receiptLines(part.receipts, (row) => parts[index]?.[row - 1]?.line ?? row)),
          },
        };
      }

      const checked = await review(actor, rows, shared);
      if (!checked) return { kind: 'forbidden' };
      const valid = checked.rows.filter((row) => row.parsed !== null);
      if (checked.sharedErrors.length > 0 || valid.length < checked.rows.length || valid.length === 0) {
        return { kind: 'refused', review: checked, duplicates: false };
      }
      if (!options.acknowledgeDuplicates && valid.some((row) => row.sameAs !== null || row.recent > 0)) {
        return { kind: 'refused', review: checked, duplicates: true };
      }

      const result: ImportResult = { status: 'pending', declarations: 0, people: 0, receipts: [] };
      const chunks = chunked(valid, MAX_BATCH_ROWS);
      for (const [index, chunk] of chunks.entries()) {
        const outcome = await entry.submitBatch(
          actor,
          { ...shared, rows: chunk.map((row) => rowInput(row.candidate)) },
          { acknowledgeDuplicates: options.acknowledgeDuplicates, locale: options.locale, token: options.token, part: index },
        );
        if (outcome.ok) {
          result.receipts.push(...receiptLines(outcome.value.receipts, (row) => chunk[row - 1]?.candidate.line ?? row));
          result.declarations += outcome.value.declarations;
          result.people += outcome.value.people;
          result.status = outcome.value.status;
          continue;
        }
        if (outcome.error === 'auth.forbidden' && result.receipts.length === 0) return { kind: 'forbidden' };
        const rest = chunks
          .slice(index)
          .flat()
          .map((row) => row.candidate);
        const again = (await review(actor, rest, shared)) ?? { rows: [], sharedErrors: [] };
        return {
          kind: 'stopped',
          result,
          unfinished: rest.length,
          review: again,
          error: outcome.error,
          duplicates: outcome.duplicates !== undefined,
        };
      }
      return { kind: 'entered', result };
    },
  };
}
