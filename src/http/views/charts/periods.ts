import { lastDayOfMonth } from '../../../domain/counter/counting-day.ts';
import { daysInRange } from '../../../domain/counter/day-range.ts';

export type Granularity = 'day' | 'month' | 'year';

/** One bar of the time chart: a day, or the part of a month or year inside the range. */
export interface Period {
  /** 2025-06-14, 2025-06 or 2025. */
  key: string;
  /** First and last day of the period that lie inside the range. */
  from: string;
  to: string;
  /** True when the range cuts the month or year short. */
  partial: boolean;
  people: number;
}

/** Up to this many days a bar is a day; daily bars stay wide enough to see. */
const MAX_DAILY_DAYS = 92;
/** Up to this many months a bar is a month; longer ranges draw a bar per year. */
const MAX_MONTHLY_MONTHS = 60;

function monthsInRange(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}

/** Days for up to three months, months for up to five years, years beyond. */
export function granularityFor(from: string, to: string): Granularity {
  if (daysInRange(from, to) <= MAX_DAILY_DAYS) return 'day';
  return monthsInRange(from, to) <= MAX_MONTHLY_MONTHS ? 'month' : 'year';
}

const keyOf = (day: string, granularity: Granularity) =>
  granularity === 'day' ? day : granularity === 'month' ? day.slice(0, 7) : day.slice(0, 4);

/**
 * Sums every day of [from, to] (zeros included, oldest first) into bars.
 * The first and last month or year may be partial; `partial` says so.
 */
export function toPeriods(days: readonly { day: string; people: number }[], granularity: Granularity): Period[] {
  const periods: Period[] = [];
  for (const { day, people } of days) {
    const key = keyOf(day, granularity);
    const last = periods.at(-1);
    if (last && last.key === key) {
      last.to = day;
      last.people += people;
    } else {
      periods.push({ key, from: day, to: day, partial: false, people });
    }
  }
  for (const period of periods) {
    if (granularity === 'day') continue;
    const first = granularity === 'month' ? `${period.key}-01` : `${period.key}-01-01`;
    const lastDay = granularity === 'month' ? lastDayOfMonth(period.key) : `${period.key}-12-31`;
    period.partial = period.from !== first || period.to !== lastDay;
  }
  return periods;
}
