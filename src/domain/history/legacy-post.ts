import { addDays, countingDay, dayStart, instantOfWallTime } from '../counter/counting-day.ts';
import { MOVEMENT_FIRST_DAY } from '../counter/day-range.ts';
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

/**
 * A query password as stored and looked up: one of ours, folded as ours are, or else an old site's,
 * taken as written (NFKC, trimmed). Both the import and the receipt lookup read passwords through it.
 */
export function legacyQueryPassword(input: string): string | null {
  const ours = normalizeQueryPassword(input);
  if (ours !== null) return ours;
  const text = input.normalize('NFKC').trim();
  if (text === '' || findTextProblem(text, { maxLength: MAX_PASSWORD, multiline: false }) !== null) return null;
  return text;
}

const title = optionalText(LIMITS.title, false);
const region = optionalText(LIMITS.region, false);
const statement = optionalText(LIMITS.statement, true);
const feedback = optionalText(LIMITS.statement, true);

/** Before the movement's first day anywhere on Earth (UTC+14): too early in any counting zone. */
const FIRST_INSTANT = Date.parse(`${MOVEMENT_FIRST_DAY}T00:00:00+14:00`);

/** 2012-04-16 13:45:07 (in the counting time zone) or with a T, and with Z or an offset. */
const TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The counting day of an instant, remembering the last day's bounds: an export runs in order of time,
 * so nearly every post falls on the day before it, and Intl (what countingDay asks) is the dearest
 * step of reading a post.
 */
export function dayFinder(timeZone: string): (at: Date) => string {
  let day = '';
  let from = 0;
  let until = 0;
  return (at) => {
    const time = at.getTime();
    if (time >= from && time < until) return day;
    day = countingDay(at, timeZone);
    from = dayStart(day, timeZone).getTime();
    until = dayStart(addDays(day, 1), timeZone).getTime();
    return day;
  };
}

/**
 * The instant a wall-clock time of the counting zone (YYYY-MM-DDTHH:MM) stands for, remembering each
 * hour's offset: Intl, which instantOfWallTime asks twice, would otherwise be the dearest step of
 * reading a post whose time has no zone. Zones change their offset on the hour (the few that do it on
 * the half hour are read to the hour of the change).
 */
export function wallTimeFinder(timeZone: string): (local: string) => Date | null {
  const offsets = new Map<string, number>();
  return (local) => {
    const hour = local.slice(0, 13);
    const wall = Date.parse(`${local}:00Z`);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const at = instantOfWallTime(local, timeZone);
      if (at === null) return null;
      offset = at.getTime() - wall;
      // An export runs in order of time: the hours already passed are not asked again.
      if (offsets.size > 1000) offsets.clear();
      offsets.set(hour, offset);
    } else if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 16) !== local) return null;
    return new Date(wall + offset);
  };
}

function readPublished(value: unknown, context: ReadContext): Date | Problem {
  if (typeof value !== 'string') return new Problem('published.invalid');
  const match = TIME.exec(value.trim());
  if (!match) return new Problem('published.invalid');
  const [, day, clock, zone] = match;
  let at: Date | null;
  if (zone === undefined) {
    // The zone's wall clock is read to the minute; the seconds are added to its instant.
    const local = `${day}T${clock!.slice(0, 5)}`;
    const minute = context.wallTime ? context.wallTime(local) : instantOfWallTime(local, context.timeZone);
    at = minute && new Date(minute.getTime() + Number(clock!.slice(6)) * 1000);
  } else {
    at = new Date(`${day}T${clock}${zone}`);
    // Date accepts 2012-02-30; the day must be a real one.
    if (Number.isNaN(at.getTime()) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) at = null;
  }
  if (at === null || Number.isNaN(at.getTime())) return new Problem('published.invalid');
  if (at.getTime() < FIRST_INSTANT) return new Problem('published.tooEarly', { first: MOVEMENT_FIRST_DAY });
  if (at.getTime() > context.now.getTime()) return new Problem('published.future');
  return at;
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

/** What reading a post needs: the counting zone, the present, and the memos of a run (dayFinder, wallTimeFinder). */
interface ReadContext {
  timeZone: string;
  now: Date;
  dayOf?: (at: Date) => string;
  wallTime?: (local: string) => Date | null;
}

/**
 * Reads one post of the export, given as its fields (a parsed JSON object, or a CSV line under its
 * header). Returns the post, or every problem it has.
 */
export function readLegacyPost(
  record: Readonly<Record<string, unknown>>,
  context: ReadContext,
): { ok: true; post: LegacyPost } | { ok: false; problems: PostProblem[] } {
  const problems: PostProblem[] = [];
  const read = <T>(field: LegacyPostField, result: T | Problem): T | undefined => {
    if (!(result instanceof Problem)) return result;
    problems.push({ field, code: result.message, ...(result.params ? { params: result.params } : {}) });
    return undefined;
  };
  const legacyId = read('id', readLegacyId(record.id));
  const registrationNumber = read('number', readNumber(record.number));
  const publishedAt = read('published', readPublished(record.published, context));
  const names = read('names', readNames(namesValue(given(record.names))));
  const orgs = read('orgs', readOrgs(orgsValue(given(record.orgs))));
  let headcount = read('headcount', readHeadcount(given(record.headcount)));
  if (names && headcount !== undefined && headcount < names.length) {
    problems.push({ field: 'headcount', code: 'headcount.belowNames', params: { min: names.length } });
  } else if (headcount !== undefined) headcount = read('headcount', headcountProblem(headcount) ?? headcount);
  const text = {
    title: read('title', title(given(record.title))),
    region: read('region', region(given(record.region))),
    statement: read('statement', statement(given(record.statement))),
    feedback: read('feedback', feedback(given(record.feedback))),
  };
  const featured = read('featured', readFlag(given(record.featured)));
  const rawPassword = given(record.password);
  let password: string | null = null;
  if (rawPassword !== undefined) {
    password = typeof rawPassword === 'string' ? legacyQueryPassword(rawPassword) : null;
    if (password === null) problems.push({ field: 'password', code: 'password.invalid', params: { max: MAX_PASSWORD } });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    post: {
      legacyId: legacyId!,
      registrationNumber: registrationNumber!,
      publishedAt: publishedAt!,
      countedDay: (context.dayOf ?? ((at: Date) => countingDay(at, context.timeZone)))(publishedAt!),
      title: text.title ?? null,
      names: names!,
      headcount: headcount ?? names!.length,
      orgs: orgs!,
      region: text.region ?? null,
      statement: text.statement ?? null,
      featured: featured ?? false,
      feedback: text.feedback ?? null,
      password,
    },
  };
}
