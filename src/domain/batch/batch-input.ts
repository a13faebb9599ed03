import { z } from 'zod';
import { latestDateOnEarth } from '../counter/counting-day.ts';
import { aliasKey } from '../declaration/alias-key.ts';
import { isCalendarDay } from '../counter/day-range.ts';
import {
  field,
  headcountProblem,
  issueError,
  LIMITS,
  MAX_HEADCOUNT,
  optionalText,
  organizationsFrom,
  Problem,
  readBehalf,
  readHeadcount,
  readName,
  strings,
  type Behalf,
  type FieldError,
} from '../declaration/fields.ts';
import { ORGANIZATIONS, type Organization } from '../declaration/organizations.ts';

/**
 * A batch: what a volunteer enters after helping people by phone, hotline, in
 * person, fax, e-mail or letter. Shared fields describe the conversation; each
 * row is one person (one name or alias). Issues carry error codes as messages,
 * like the declaration schema, and `batchErrors` turns them into per-row,
 * per-field errors.
 */
export const BATCH_CHANNELS = ['phone', 'hotline', 'in_person', 'fax', 'email', 'letter'] as const;
export type BatchChannel = (typeof BATCH_CHANNELS)[number];

/** The only consent value: the person agreed to this alias and statement. */
export const BATCH_CONSENT = 'confirmed';
/** The Nine Commentaries appeared in November 2004; no declaration to quit is older. */
export const EARLIEST_CONVERSATION_DATE = '2004-11-01';
export const MAX_BATCH_ROWS = 500;
/** Rows received, blank ones included: bounds the work before blank rows are dropped. */
export const MAX_BATCH_INPUT_ROWS = 5000;
export const BATCH_LIMITS = {
  note: 1000,
  region: LIMITS.region,
  name: LIMITS.name,
  headcount: MAX_HEADCOUNT,
  title: LIMITS.title,
  statement: LIMITS.statement,
} as const;

export interface BatchRow {
  /** 1-based position in the rows as received (blank rows keep their numbers). */
  row: number;
  name: string;
  orgs: Organization[];
  headcount: number;
  region: string | null;
  /** On whose behalf: the person themself, family who agreed, or a deceased relative. */
  behalf: Behalf;
  /** Null: the default title that names the organizations. */
  title: string | null;
  statement: string | null;
}

/**
 * What makes two rows possibly one person: the folded name and region. Regions compare as names
 * do (遼寧 and 辽宁 are one place); no region matches only no region.
 */
export function duplicateKey(row: Pick<BatchRow, 'name' | 'region'>): string {
  return `${aliasKey(row.name)}\u0000${row.region === null ? '' : aliasKey(row.region)}`;
}

export interface BatchInput {
  channel: BatchChannel;
  /** YYYY-MM-DD. */
  conversationDate: string;
  consent: typeof BATCH_CONSENT;
  note: string | undefined;
  rows: BatchRow[];
}

export interface BatchError extends FieldError {
  /** 1-based row number; 0 for the shared fields and the batch as a whole. */
  readonly row: number;
  readonly field: string;
}

// ---------------------------------------------------------------------------
// Organizations as people write them: keys, English words, Chinese in either script.

const ORG_ALIASES: Readonly<Record<string, Organization>> = {
  party: 'party',
  ccp: 'party',
  cpc: 'party',
  league: 'league',
  cyl: 'league',
  pioneers: 'pioneers',
  pioneer: 'pioneers',
  yp: 'pioneers',
  // Chinese keys are folded to simplified script by aliasKey before the lookup.
  党: 'party',
  中共: 'party',
  共产党: 'party',
  中国共产党: 'party',
  党员: 'party',
  团: 'league',
  共青团: 'league',
  青年团: 'league',
  中国共产主义青年团: 'league',
  团员: 'league',
  队: 'pioneers',
  少先队: 'pioneers',
  少年先锋队: 'pioneers',
  中国少年先锋队: 'pioneers',
  队员: 'pioneers',
};
const HAN_ALIASES = Object.keys(ORG_ALIASES)
  .filter((alias) => /^\p{Script=Han}+$/u.test(alias))
  .sort((a, b) => b.length - a.length);
const ORG_SEPARATORS = /[\s;；,，、/|+&＋]+/u;

/** Splits run-together Chinese such as 党团队 or 共青团少先队; null if any part is unknown. */
function segmentHan(text: string): string[] | null {
  const found: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const alias = HAN_ALIASES.find((candidate) => rest.startsWith(candidate));
    if (alias === undefined) return null;
    found.push(ORG_ALIASES[alias]!);
    rest = rest.slice(alias.length);
  }
  return found;
}

/**
 * Reads "party;league", "党;团;队", "黨團隊" or ["party", "少先队"] as organization keys.
 * Anything it cannot read is kept as written, so the schema can report it.
 */
export function orgTokens(value: string | readonly string[]): string[] {
  const parts = (typeof value === 'string' ? [value] : value).flatMap((part) => part.split(ORG_SEPARATORS));
  const tokens: string[] = [];
  for (const part of parts) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const key = aliasKey(trimmed);
    const known = ORG_ALIASES[key];
    if (known) {
      tokens.push(known);
      continue;
    }
    const segmented = /^\p{Script=Han}+$/u.test(key) ? segmentHan(key) : null;
    if (segmented) tokens.push(...segmented);
    else tokens.push(trimmed);
  }
  return tokens;
}

// On whose behalf, as a sheet may say it.

const BEHALF_WORDS: Readonly<Record<string, Behalf>> = {
  self: 'self',
  本人: 'self',
  自己: 'self',
  为自己: 'self',
  family: 'family',
  家人: 'family',
  家属: 'family',
  亲属: 'family',
  代家人: 'family',
  deceased: 'deceased',
  已故: 'deceased',
  已故亲人: 'deceased',
  已故亲属: 'deceased',
  代已故亲人: 'deceased',
  逝者: 'deceased',
};

/** Reads "family", "家人" or "已故亲人" as a behalf key; anything else as written, for the schema to report. */
export function behalfToken(value: string): string {
  const trimmed = value.trim();
  return BEHALF_WORDS[aliasKey(trimmed)] ?? trimmed;
}

// ---------------------------------------------------------------------------
// Field readers: the public form's (domain/declaration/fields.ts), and what a sheet may say besides.

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isBlank);
  return false;
}

/** A row whose every field is blank is a left-over line of the form or the sheet, not a person. */
export function isBlankRow(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const row = value as Record<string, unknown>;
  // "self" is what a row says when nobody chose otherwise.
  return (
    ['name', 'orgs', 'headcount', 'region', 'title', 'statement'].every((field) => isBlank(row[field])) &&
    (isBlank(row.behalf) || row.behalf === 'self')
  );
}

/** Null, as JSON may send for a field left out, reads as absent. */
const absentIfNull = (value: unknown) => (value === null ? undefined : value);

function readRowOrgs(value: unknown): Organization[] | Problem {
  const parts = value === undefined || value === null ? [] : strings(value, ORGANIZATIONS.length * 4);
  return parts ? organizationsFrom(orgTokens(parts)) : new Problem('orgs.invalid');
}

/** Blank means one person. */
function readRowHeadcount(value: unknown): number | Problem {
  const count = readHeadcount(absentIfNull(value));
  if (count === undefined) return 1;
  if (count instanceof Problem) return count;
  return headcountProblem(count) ?? count;
}

/** Optional text stored as null when left out. */
function storedText(read: (value: unknown) => string | undefined | Problem) {
  return (value: unknown): string | null | Problem => read(value) ?? null;
}

/**
 * One person: one name or alias, the organizations, how many people, where from, on whose
 * behalf, and the title and statement, read by the public form's field rules.
 */
export const batchRowSchema = z.object(
  {
    name: field(readName),
    orgs: field(readRowOrgs),
    headcount: field(readRowHeadcount),
    region: field(storedText((value) => optionalText(LIMITS.region, false)(absentIfNull(value)))),
    behalf: field(readBehalf),
    title: field(storedText(optionalText(LIMITS.title, false))),
    statement: field(storedText(optionalText(LIMITS.statement, true))),
  },
  { error: 'request.invalid' },
);

function readChannel(value: unknown): BatchChannel | Problem {
  return (BATCH_CHANNELS as readonly unknown[]).includes(value) ? (value as BatchChannel) : new Problem('channel.invalid');
}

function readConsent(value: unknown): typeof BATCH_CONSENT | Problem {
  return value === BATCH_CONSENT ? BATCH_CONSENT : new Problem('consent.notConfirmed');
}

function readConversationDate(now: () => Date) {
  return (value: unknown): string | Problem => {
    if (typeof value !== 'string') return new Problem('date.invalid');
    const text = value.normalize('NFKC').trim();
    if (!isCalendarDay(text)) return new Problem('date.invalid');
    if (text < EARLIEST_CONVERSATION_DATE) return new Problem('date.tooEarly', { min: EARLIEST_CONVERSATION_DATE });
    if (text > latestDateOnEarth(now())) return new Problem('date.future');
    return text;
  };
}

const rows = z.array(z.unknown(), { error: 'batch.empty' }).transform((list, ctx): BatchRow[] => {
  if (list.length > MAX_BATCH_INPUT_ROWS) {
    ctx.addIssue({ code: 'custom', message: 'batch.tooManyRows', params: { max: MAX_BATCH_ROWS } });
    return z.NEVER;
  }
  const filled = list.map((value, index) => ({ value, index })).filter(({ value }) => !isBlankRow(value));
  if (filled.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'batch.empty' });
    return z.NEVER;
  }
  if (filled.length > MAX_BATCH_ROWS) {
    ctx.addIssue({ code: 'custom', message: 'batch.tooManyRows', params: { max: MAX_BATCH_ROWS } });
    return z.NEVER;
  }
  const parsed: BatchRow[] = [];
  let invalid = false;
  for (const { value, index } of filled) {
    const result = batchRowSchema.safeParse(value);
    if (result.success) {
      parsed.push({ row: index + 1, ...result.data });
      continue;
    }
    invalid = true;
    for (const issue of result.error.issues) {
      ctx.addIssue({
        code: 'custom',
        message: issue.message,
        path: [index, ...(issue.path.length > 0 ? issue.path : ['row'])],
        params: (issue as { params?: Record<string, string | number> }).params ?? {},
      });
    }
  }
  return invalid ? z.NEVER : parsed;
});

/**
 * The whole batch. `now` decides which conversation dates are in the future; the
 * service passes its clock so the check and the stored times agree.
 */
function batchInputSchema(options: { now?: () => Date } = {}) {
  const now = options.now ?? (() => new Date());
  return z.object(
    {
      channel: field(readChannel),
      conversationDate: field(readConversationDate(now)),
      consent: field(readConsent),
      note: field((value) => optionalText(BATCH_LIMITS.note, true)(absentIfNull(value))),
      rows,
    },
    { error: 'request.invalid' },
  );
}

/** The first problem of each field of each row; shared fields and the batch as a whole are row 0. */
function batchErrors(error: z.ZodError): BatchError[] {
  const seen = new Set<string>();
  const result: BatchError[] = [];
  for (const issue of error.issues) {
    const [first, second, third] = issue.path;
    const inRow = first === 'rows' && typeof second === 'number';
    const row = inRow ? second + 1 : 0;
    const field = inRow ? String(third ?? 'row') : String(first ?? 'batch');
    const key = `${row}:${field}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ row, field, ...issueError(issue) });
  }
  return result.sort((a, b) => a.row - b.row);
}

export type BatchParseResult = { ok: true; value: BatchInput } | { ok: false; errors: BatchError[] };

/** Parses a form or JSON body into a batch, or every row's and field's first problem. */
export function parseBatchInput(input: unknown, options: { now?: () => Date } = {}): BatchParseResult {
  const result = batchInputSchema(options).safeParse(input);
  if (!result.success) return { ok: false, errors: batchErrors(result.error) };
  return { ok: true, value: result.data };
}
