import type { Context } from 'hono';
import { BATCH_CHANNELS, BATCH_CONSENT, MAX_BATCH_INPUT_ROWS, MAX_BATCH_ROWS } from '../../../domain/batch/batch-input.ts';
import { MAX_CSV_ROWS } from '../../../domain/batch/csv-rows.ts';
import { suggestAliases } from '../../../domain/alias/alias-generator.ts';
import { countingDay } from '../../../domain/counter/counting-day.ts';
import { isCalendarDay } from '../../../domain/counter/day-range.ts';
import { BEHALVES, LIMITS } from '../../../domain/declaration/fields.ts';
import { ORGANIZATIONS } from '../../../domain/declaration/organizations.ts';
import type { Locale } from '../../../i18n/index.ts';
import { inReaderScript } from '../../../i18n/script-conversion.ts';
import type { Candidate, LineNote, ReviewedRow, SharedInput } from '../../../services/batch/import.ts';
import type { SignedInEnv } from '../../env.ts';
import { list, single, type FormFields } from '../../form-body.ts';

/*
 * Field names. Everything works without JavaScript, so the names are flat and any form
 * parser reads them:
 *  - one row: the 1-based row number shown in its first column is the suffix:
 *      name_3, orgs_3 (repeated: one value per ticked box: party, league, pioneers),
 *      headcount_3, region_3, behalf_3 (self | family | deceased), title_3, statement_3;
 *  - count: how many rows the form showed (a higher row number in the body wins);
 *  - shared: channel, conversationDate, consent (= "confirmed" when ticked), note;
 *  - acknowledgeDuplicates = "yes"; action = "submit" | "more" | "aliases" (suggested
 *    aliases fill the names left empty). The submit button comes before the others in the
 *    form, so Enter in any field submits.
 *  - submission: the form's one-use token; a repeated post of it shows the first result.
 * The import's confirm form carries the checked rows as one hidden JSON field `rows`,
 * [[line, name, [orgs…], headcount, region, behalf, title, statement], …], and the lines that
 * will not be entered as `skipped`, [[line, field | null, code, params], …]. It posts
 * multipart, so the JSON is not percent-encoded: about as large as the file it came from,
 * which the same 1 MB body limit bounds. It carries a one-use `submission` token too: posted
 * again, each of its batches shows its first result.
 */

/** Rows on a fresh form, and how many `more` adds. */
export const FORM_ROWS = 25;
export const MORE_ROWS = 25;
/** The service takes at most this many filled rows at once; the form never grows past it. */
export const MAX_FORM_ROWS = MAX_BATCH_ROWS;
export const SHARED_FIELDS = ['channel', 'conversationDate', 'consent', 'note'] as const;
const ROW_FIELD = /^(?:name|orgs|headcount|region|behalf|title|statement)_([0-9]{1,6})$/;

export interface SharedValues {
  channel: string;
  conversationDate: string;
  consent: boolean;
  note: string;
  /** The phone-bank call (its attempt id) this batch is entered for, or empty: the entries are linked to it. */
  call: string;
  /** The inbox item (its id) this batch is entered from, or empty: committing the batch converts it (docs/inbox.md). */
  inboxItem: string;
}

export interface RowValues {
  name: string;
  orgs: string[];
  headcount: string;
  region: string;
  behalf: string;
  title: string;
  statement: string;
}

export function sharedFrom(fields: FormFields): SharedValues {
  return {
    channel: single(fields.channel),
    conversationDate: single(fields.conversationDate),
    consent: single(fields.consent) === BATCH_CONSENT,
    note: single(fields.note),
    call: callOf(single(fields.call)),
    inboxItem: callOf(single(fields.inboxItem)),
  };
}

/** An attempt (or inbox item) id as a form or a link carries it; anything else is none. */
function callOf(value: string | undefined): string {
  return value && /^[1-9][0-9]{0,9}$/.test(value) ? value : '';
}

/**
 * A fresh form starts from today, and from the channel and date of the last batch when the link
 * carries them. A phone-bank call's link (docs/outreach.md) also carries what the person agreed
 * to on the call: consent, and the first row's alias, organizations and behalf. Submitting
 * checks all of it again.
 */
export function prefilled(c: Context<SignedInEnv>, timeZone: string): { shared: SharedValues; rows: RowValues[] } {
  const channel = c.req.query('channel') ?? '';
  const date = c.req.query('date') ?? '';
  const call = callOf(c.req.query('call'));
  const rows = emptyRows(FORM_ROWS);
  if (call !== '') {
    const behalf = c.req.query('behalf') ?? '';
    rows[0] = {
      ...rows[0]!,
      name: (c.req.query('alias') ?? '').slice(0, LIMITS.name * 2),
      orgs: ORGANIZATIONS.filter((org) => (c.req.queries('orgs') ?? []).includes(org)),
      behalf: (BEHALVES as readonly string[]).includes(behalf) ? behalf : 'self',
    };
  }
  return {
    shared: {
      channel: (BATCH_CHANNELS as readonly string[]).includes(channel) ? channel : '',
      conversationDate: isCalendarDay(date) ? date : countingDay(new Date(), timeZone),
      consent: call !== '' && c.req.query('consent') === BATCH_CONSENT,
      note: '',
      call,
      // "Convert to declarations" links here as ?from=inbox:<id>; the routes fill the rows from the item.
      inboxItem: callOf(/^inbox:(.*)$/.exec(c.req.query('from') ?? '')?.[1]),
    },
    rows,
  };
}

export function sharedInput(shared: SharedValues): SharedInput {
  return {
    channel: shared.channel,
    conversationDate: shared.conversationDate,
    consent: shared.consent ? BATCH_CONSENT : undefined,
    note: shared.note,
  };
}

/** A form row left as the form showed it (the head-count's default 1 and "self" included) is no person. */
function isUntouched(row: RowValues): boolean {
  return (
    row.name.trim() === '' &&
    row.orgs.length === 0 &&
    row.region.trim() === '' &&
    ['', '1'].includes(row.headcount.trim()) &&
    ['', 'self'].includes(row.behalf) &&
    row.title.trim() === '' &&
    row.statement.trim() === ''
  );
}

/** A form row as the service reads it: an untouched row is blank. */
export function formRowInput(row: RowValues) {
  return isUntouched(row)
    ? {}
    : {
        name: row.name,
        orgs: row.orgs,
        headcount: row.headcount,
        region: row.region,
        behalf: row.behalf,
        title: row.title,
        statement: row.statement,
      };
}

/**
 * The alias helper without JavaScript: suggested aliases fill the names left empty in rows
 * that hold something else (the organizations ticked, say), or the first empty row when no
 * row does. Returns the rows and the first row filled.
 */
export function withSuggestedAliases(rows: readonly RowValues[], locale: Locale): { rows: RowValues[]; first: number | null } {
  const nameless = rows.flatMap((row, index) => (row.name.trim() === '' && !isUntouched(row) ? [index] : []));
  const firstEmpty = rows.findIndex((row) => row.name.trim() === '');
  const targets = nameless.length > 0 ? nameless : firstEmpty === -1 ? [] : [firstEmpty];
  const suggestions: string[] = [];
  while (suggestions.length < targets.length) {
    for (const alias of suggestAliases(Math.min(24, targets.length - suggestions.length))) {
      if (!suggestions.includes(alias) && suggestions.length < targets.length) suggestions.push(alias);
    }
  }
  const filled = rows.map((row) => ({ ...row }));
  targets.forEach((index, i) => {
    filled[index]!.name = inReaderScript(suggestions[i]!, locale);
  });
  return { rows: filled, first: targets.length > 0 ? targets[0]! + 1 : null };
}

const emptyRow = (): RowValues => ({ name: '', orgs: [], headcount: '1', region: '', behalf: 'self', title: '', statement: '' });
export const emptyRows = (count: number): RowValues[] => Array.from({ length: count }, emptyRow);

/** The rows of a posted form, or null when it claims more rows than a batch may hold. */
export function rowsFrom(fields: FormFields): RowValues[] | null {
  let count = Number.parseInt(single(fields.count), 10);
  if (!Number.isSafeInteger(count) || count < 0) count = 0;
  for (const key of Object.keys(fields)) {
    const match = ROW_FIELD.exec(key);
    if (match) count = Math.max(count, Number(match[1]));
  }
  if (count > MAX_BATCH_INPUT_ROWS) return null;
  const rows: RowValues[] = [];
  for (let row = 1; row <= count; row++) {
    rows.push({
      name: single(fields[`name_${row}`]),
      orgs: list(fields[`orgs_${row}`]),
      headcount: single(fields[`headcount_${row}`]),
      region: single(fields[`region_${row}`]),
      behalf: single(fields[`behalf_${row}`]),
      title: single(fields[`title_${row}`]),
      statement: single(fields[`statement_${row}`]),
    });
  }
  return rows;
}

const isStringRecord = (value: unknown): value is Record<string, string | number> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((item) => typeof item === 'string' || typeof item === 'number');
const isLine = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/** The confirm form's rows, or null if the field is not what the preview wrote. */
export function candidatesFrom(text: string): Candidate[] | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(data) || data.length > MAX_CSV_ROWS) return null;
  const candidates: Candidate[] = [];
  for (const item of data) {
    if (!Array.isArray(item) || item.length !== 8) return null;
    const [line, name, orgs, headcount, region, behalf, title, statement] = item as unknown[];
    if (!isLine(line) || typeof name !== 'string' || typeof headcount !== 'string' || typeof region !== 'string') return null;
    if (typeof behalf !== 'string' || typeof title !== 'string' || typeof statement !== 'string') return null;
    if (!Array.isArray(orgs) || orgs.length > ORGANIZATIONS.length * 4 || !orgs.every((org) => typeof org === 'string')) return null;
    candidates.push({ line, name, orgs: orgs as string[], headcount, region, behalf, title, statement });
  }
  return candidates;
}

/** The confirm form's skipped lines, or null if the field is not what the preview wrote. */
export function notesFrom(text: string): LineNote[] | null {
  if (text.trim() === '') return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(data) || data.length > MAX_CSV_ROWS * 2) return null;
  const notes: LineNote[] = [];
  for (const item of data) {
    if (!Array.isArray(item) || item.length !== 4) return null;
    const [line, field, code, params] = item as unknown[];
    if (!isLine(line) || (field !== null && typeof field !== 'string') || typeof code !== 'string' || !isStringRecord(params)) return null;
    notes.push({ line, field, code, params });
  }
  return notes;
}

export const candidateJson = (rows: readonly ReviewedRow[]) =>
  JSON.stringify(rows.map(({ candidate: c }) => [c.line, c.name, c.orgs, c.headcount, c.region, c.behalf, c.title, c.statement]));
export const notesJson = (notes: readonly LineNote[]) => JSON.stringify(notes.map((n) => [n.line, n.field, n.code, n.params]));

/** The id of the control an error belongs to, for the summary's links and for autofocus. */
export function controlId(row: number, field: string): string {
  if (row === 0) return (SHARED_FIELDS as readonly string[]).includes(field) ? field : 'name_1';
  if (field === 'orgs') return `orgs_${row}_${ORGANIZATIONS[0]}`;
  if (['headcount', 'region', 'behalf', 'title', 'statement'].includes(field)) return `${field}_${row}`;
  return `name_${row}`;
}
