import { addDays } from './counting-day.ts';

/**
 * One day's counts: statements held here (`declarations`, `inRegistry`) and people carried over
 * from the previous registry's totals (`carriedOver`); `people` is the sum of the two, as are the
 * organisation figures (docs/history.md).
 */
export interface DayFigures {
  day: string;
  declarations: number;
  people: number;
  party: number;
  league: number;
  pioneers: number;
  inRegistry: number;
  carriedOver: number;
}

const FIGURES = ['declarations', 'people', 'party', 'league', 'pioneers', 'inRegistry', 'carriedOver'] as const;
const zeroFigures = (): Omit<DayFigures, 'day'> => ({
  declarations: 0,
  people: 0,
  party: 0,
  league: 0,
  pioneers: 0,
  inRegistry: 0,
  carriedOver: 0,
});

/** A calendar day written YYYY-MM-DD that exists (no 2025-02-30), from year 0001 on. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** How many days [from, to] holds, both ends included. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The same date `years` later (or earlier); 29 February falls back to the 28th in a common year. */
export function addYears(day: string, years: number): string {
  const year = Number(day.slice(0, 4)) + years;
  const month = Number(day.slice(5, 7));
  const lastOfMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const dayOfMonth = Math.min(Number(day.slice(8, 10)), month === 2 && !leap ? 28 : lastOfMonth);
  return `${String(year).padStart(4, '0')}-${day.slice(5, 8)}${String(dayOfMonth).padStart(2, '0')}`;
}

/** The earliest `from` a range ending on `to` may have to span at most `years` years. */
export function earliestFrom(to: string, years: number): string {
  if (Number(to.slice(0, 4)) - years < 1) return '0001-01-01';
  return addDays(addYears(to, -years), 1);
}

/**
 * The first day the statistics cover unless older days were carried over: the
 * movement began in December 2004, after the Nine Commentaries appeared.
 */
export const MOVEMENT_FIRST_DAY = '2004-12-01';

/** The first day a range may start on: the movement's first day, or an older carried-over day. */
export function firstCountedDay(earliestStored: string | null): string {
  return earliestStored !== null && earliestStored < MOVEMENT_FIRST_DAY ? earliestStored : MOVEMENT_FIRST_DAY;
}

export type RangeProblem =
  | { field: 'from' | 'to'; code: 'date.invalid' }
  | { field: 'to'; code: 'range.reversed'; from: string }
  | { field: 'from' | 'to'; code: 'range.tooEarly'; first: string }
  | { field: 'from' | 'to'; code: 'range.tooLate'; today: string };

export type DayRangeResult = { ok: true; from: string; to: string } | { ok: false; problems: RangeProblem[] };

export interface DayRangeRules {
  /** Today in the counting time zone: the last day a range may reach. */
  today: string;
  /** Days in the range when neither end is given, ending today. */
  defaultDays: number;
  /** The first counted day (see firstCountedDay): the earliest a range may start. */
  firstDay: string;
}

const given = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/**
 * A range of days from a query string. Blank ends take defaults: `to` is today,
 * `from` is `defaultDays` before `to` (never before the first day). Dates must
 * exist and lie between the first counted day and today, and `from` may not come
 * after `to`: any range of the counted days, the whole of them included (about
 * 8,000 days, one row each, growing by one a day), and none longer.
 */
export function parseDayRange(query: { from?: string | undefined; to?: string | undefined }, rules: DayRangeRules): DayRangeResult {
  const ends = { from: given(query.from), to: given(query.to) };
  const problems: RangeProblem[] = [];
  for (const field of ['from', 'to'] as const) {
    const value = ends[field];
    if (value === undefined) continue;
    if (!isCalendarDay(value)) problems.push({ field, code: 'date.invalid' });
    else if (value < rules.firstDay) problems.push({ field, code: 'range.tooEarly', first: rules.firstDay });
    else if (value > rules.today) problems.push({ field, code: 'range.tooLate', today: rules.today });
  }
  if (problems.length > 0) return { ok: false, problems };
  const to = ends.to ?? rules.today;
  const byDefault = addDays(to, -(rules.defaultDays - 1));
  const from = ends.from ?? (byDefault < rules.firstDay ? rules.firstDay : byDefault);
  if (from > to) return { ok: false, problems: [{ field: 'to', code: 'range.reversed', from }] };
  return { ok: true, from, to };
}

/** Every day of [from, to], oldest first. */
function eachDay(from: string, to: string): string[] {
  // Counted, not compared: the day after 9999-12-31 does not sort after it.
  const count = daysInRange(from, to);
  const days: string[] = [];
  for (let index = 0, day = from; index < count; index++, day = addDays(day, 1)) days.push(day);
  return days;
}

/** The counters keep only days that had a change; this gives every day of the range, zeros included. */
export function fillDays(rows: readonly DayFigures[], from: string, to: string): DayFigures[] {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return eachDay(from, to).map((day) => {
    const row = byDay.get(day);
    const figures = zeroFigures();
    if (row) for (const key of FIGURES) figures[key] = row[key];
    return { day, ...figures };
  });
}

/** Totals of a list of days. */
export function sumFigures(rows: readonly DayFigures[]): Omit<DayFigures, 'day'> {
  const sum = zeroFigures();
  for (const row of rows) for (const key of FIGURES) sum[key] += row[key];
  return sum;
}

/** Totals of the days of each calendar year, oldest first (the days sorted). */
export function sumByYear(rows: readonly DayFigures[]): ({ year: string } & Omit<DayFigures, 'day'>)[] {
  const years: ({ year: string } & Omit<DayFigures, 'day'>)[] = [];
  for (const row of rows) {
    const year = row.day.slice(0, 4);
    let last = years.at(-1);
    if (last?.year !== year) {
      last = { year, ...zeroFigures() };
      years.push(last);
    }
    for (const key of FIGURES) last[key] += row[key];
  }
  return years;
}
