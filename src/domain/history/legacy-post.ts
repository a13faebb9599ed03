import {
  LIMITS,
  Problem,
  headcountProblem,
  optionalText,
  readFlag,
  readHeadcount,
  readNames,
  readOrgs,
  strings,
} from '../declaration/fields.ts';
import type { Organization } from '../declaration/organizations.ts';
import { normalizeQueryPassword } from '../declaration/query-password.ts';
import { normalizeRegistrationNumber } from '../declaration/registration-number.ts';
import { findTextProblem } from '../declaration/safe-text.ts';
import { publishedTimeReader, type PublishedTime } from './legacy-time.ts';

export { dayFinder, wallTimeFinder } from './legacy-time.ts';

/**
 * One post of the previous site's archive, as its export gives it (docs/history.md, part B), read
 * with the form's own field readers: what the form refuses (hostile names, control and direction
 * characters, text that is too long, a head-count below the names) is refused here too. Nothing here
 * throws on bad input.
 */

/** The export's fields; a CSV header names them, a JSON line has them as keys. */
export const LEGACY_POST_FIELDS = [
  'id',
  'number',
  'published',
  'title',
  'names',
  'headcount',
  'orgs',
  'region',
  'statement',
  'featured',
  'feedback',
  'password',
] as const;
export type LegacyPostField = (typeof LEGACY_POST_FIELDS)[number];

export interface LegacyPost {
  legacyId: number;
  registrationNumber: string;
  publishedAt: Date;
  /** publishedAt as the database stores times (toDbTime). */
  publishedText: string;
  /** The day it counts on, in the counting time zone. */
  countedDay: string;
  title: string | null;
  names: string[];
  headcount: number;
  orgs: Organization[];
  region: string | null;
  statement: string | null;
  featured: boolean;
  feedback: string | null;
  /** The old query password as the receipt lookup reads it (legacyQueryPassword); null when the export has none. */
  password: string | null;
}

export interface PostProblem {
  field: LegacyPostField | 'line';
  /** A form error code (names.invalid, text.bidi, …) or one of the export's own (legacyId.invalid, …). */
  code: string;
  params?: Record<string, string | number>;
}

/** The old site's passwords were not ours: any text of 1 to 60 printable characters (the lookup form's limit), case kept. */
const MAX_PASSWORD = 60;

const PLAIN_PASSWORD = /^[A-Za-z0-9]{1,60}$/;

/**
 * A query password as stored and looked up: one of ours, folded as ours are, or else an old site's,
 * taken as written (NFKC, trimmed). Both the import and the receipt lookup read passwords through it.
 */
export function legacyQueryPassword(input: string): string | null {
  // Letters and digits only, not 20 of them: never one of ours (nothing to fold, and ours are 20),
  // and NFKC, trimming and the text checks leave it as it is. Most old passwords; no string made.
  if (input.length !== 20 && PLAIN_PASSWORD.test(input)) return input;
  const ours = normalizeQueryPassword(input);
  if (ours !== null) return ours;
  const text = input.normalize('NFKC').trim();
  if (text === '' || findTextProblem(text, { maxLength: MAX_PASSWORD, multiline: false }) !== null) return null;
  return text;
}

const titleText = optionalText(LIMITS.title, false);
const regionText = optionalText(LIMITS.region, false);
const statementText = optionalText(LIMITS.statement, true);
const feedbackText = optionalText(LIMITS.statement, true);

const problemOf = (field: LegacyPostField, problem: Problem): PostProblem => ({
  field,
  code: problem.message,
  ...(problem.params ? { params: problem.params } : {}),
});

/** readHeadcount, a whole JSON number read without its text. */
function headcountOf(value: unknown): number | undefined | Problem {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 999_999 ? value : readHeadcount(value);
}

/** A positive whole number, from a JSON number or digits. */
function readLegacyId(value: unknown): number | Problem {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^[1-9]\d{0,14}$/.test(text)) return new Problem('legacyId.invalid');
  return Number(text);
}

function readNumber(value: unknown): string | Problem {
  if (typeof value !== 'string') return new Problem('number.invalid');
  return normalizeRegistrationNumber(value) ?? new Problem('number.invalid');
}

/** The organisations as a list, or one text separated by spaces, commas, semicolons or bars (a CSV cell). */
function orgsValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.split(/[\s,;|]+/).filter((part) => part !== '');
}

/** The names as the form takes them: one text or a list. */
function namesValue(value: unknown): unknown {
  return value === null ? undefined : (strings(value, 200) ?? value);
}

/** Blank, absent and null are the same in an export: no value. */
const given = (value: unknown) => (value === null || value === '' ? undefined : value);

/** Distinct texts remembered at most by a memo: an archive repeats its titles, regions and names. */
const MEMO_SIZE = 50_000;

/**
 * A field reader of texts, remembered: each reader is a pure function of its value, so a text read
 * before gets the same answer (the same value or the same problem). Cleared when full, so memory
 * stays bounded. Values that are not texts (a JSON list of names) are read every time.
 */
function memoText<T>(readValue: (value: unknown) => T): (value: unknown) => T {
  const known = new Map<string, T>();
  return (value) => {
    if (typeof value !== 'string') return readValue(value);
    let answer = known.get(value);
    if (answer === undefined) {
      if (known.size >= MEMO_SIZE) known.clear();
      answer = readValue(value);
      known.set(value, answer);
    }
    return answer;
  };
}

const readers = (timeZone: string, now: Date) => ({
  published: publishedTimeReader(timeZone, now),
  names: (value: unknown) => readNames(namesValue(value)),
  orgs: (value: unknown) => readOrgs(orgsValue(value)),
  title: titleText,
  region: regionText,
});
type FieldReaders = ReturnType<typeof readers>;

/** What reading a post needs: the counting zone, the present, and what a run remembers (postReadContext). */
export interface ReadContext {
  timeZone: string;
  now: Date;
  readers?: FieldReaders;
}

/**
 * The context of a run of posts: the time reader's hours and days remembered (legacy-time.ts), and
 * the answers of the readers of names, organisations, titles and regions for the texts met before,
 * which an archive repeats line after line. The answers are the same as without (a pure function of
 * the text), shared between posts, so they are never changed after.
 */
export function postReadContext(timeZone: string, now: Date): ReadContext {
  const plain = readers(timeZone, now);
  return {
    timeZone,
    now,
    readers: {
      published: plain.published,
      names: memoText(plain.names),
      orgs: memoText(plain.orgs),
      title: memoText(titleText),
      region: memoText(regionText),
    },
  };
}

/**
 * Reads one post of the export, given as its fields (a parsed JSON object, or a CSV line under its
 * header). Returns the post, or every problem it has.
 */
export function readLegacyPost(
  record: Readonly<Record<string, unknown>>,
  context: ReadContext,
): { ok: true; post: LegacyPost } | { ok: false; problems: PostProblem[] } {
  const field = context.readers ?? readers(context.timeZone, context.now);
  // Written without a closure or an object a field: this runs once a line of an archive of millions.
  const problems: PostProblem[] = [];
  const legacyId = readLegacyId(record.id);
  if (legacyId instanceof Problem) problems.push(problemOf('id', legacyId));
  const registrationNumber = readNumber(record.number);
  if (registrationNumber instanceof Problem) problems.push(problemOf('number', registrationNumber));
  const published = field.published(record.published);
  if (published instanceof Problem) problems.push(problemOf('published', published));
  const names = field.names(given(record.names));
  if (names instanceof Problem) problems.push(problemOf('names', names));
  const orgs = field.orgs(given(record.orgs));
  if (orgs instanceof Problem) problems.push(problemOf('orgs', orgs));
  let headcount = headcountOf(given(record.headcount));
  if (headcount instanceof Problem) problems.push(problemOf('headcount', headcount));
  else if (headcount !== undefined) {
    if (!(names instanceof Problem) && headcount < names.length) {
      problems.push({ field: 'headcount', code: 'headcount.belowNames', params: { min: names.length } });
    } else {
      const tooMany = headcountProblem(headcount);
      if (tooMany) {
        problems.push(problemOf('headcount', tooMany));
        headcount = undefined;
      }
    }
  }
  const title = field.title(given(record.title));
  if (title instanceof Problem) problems.push(problemOf('title', title));
  const region = field.region(given(record.region));
  if (region instanceof Problem) problems.push(problemOf('region', region));
  const statement = statementText(given(record.statement));
  if (statement instanceof Problem) problems.push(problemOf('statement', statement));
  const feedback = feedbackText(given(record.feedback));
  if (feedback instanceof Problem) problems.push(problemOf('feedback', feedback));
  const featured = readFlag(given(record.featured));
  if (featured instanceof Problem) problems.push(problemOf('featured', featured));
  const rawPassword = given(record.password);
  let password: string | null = null;
  if (rawPassword !== undefined) {
    password = typeof rawPassword === 'string' ? legacyQueryPassword(rawPassword) : null;
    if (password === null) problems.push({ field: 'password', code: 'password.invalid', params: { max: MAX_PASSWORD } });
  }
  if (problems.length > 0) return { ok: false, problems };
  const post = published as PublishedTime;
  const list = names as string[];
  return {
    ok: true,
    post: {
      legacyId: legacyId as number,
      registrationNumber: registrationNumber as string,
      publishedAt: new Date(post.at),
      publishedText: post.text,
      countedDay: post.day,
      title: (title as string | undefined) ?? null,
      names: list,
      headcount: (headcount as number | undefined) ?? list.length,
      orgs: orgs as Organization[],
      region: (region as string | undefined) ?? null,
      statement: (statement as string | undefined) ?? null,
      featured: (featured as boolean) ?? false,
      feedback: (feedback as string | undefined) ?? null,
      password,
    },
  };
}
