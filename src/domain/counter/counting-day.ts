/*
 * Calendar arithmetic in the counting time zone (config.timeZone), the one place that does it. It is
 * built on Intl, which carries the IANA database with Node: a zone's date and wall clock at an
 * instant come from formatToParts, and everything else from those. Display formatting lives in
 * i18n/zoned-time.ts.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) an instant falls on in the counting time zone. */
export function countingDay(at: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(at);
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall clock at an instant, as numbers. */
function wallClock(at: Date, timeZone: string) {
  let format = wallClocks.get(timeZone);
  if (!format) {
    const options = {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    } as const;
    format = new Intl.DateTimeFormat('en-US', options);
    wallClocks.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: Date, timeZone: string): number {
  const f = wallClock(at, timeZone);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The first instant of a calendar day (YYYY-MM-DD) in a zone: the first one after a gap, where midnight is skipped. */
export function dayStart(day: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`);
  const first = wall - offsetAt(new Date(wall), timeZone);
  const second = wall - offsetAt(new Date(first), timeZone);
  const candidates = [first, second].filter((instant) => countingDay(new Date(instant), timeZone) === day);
  return new Date(candidates.length > 0 ? Math.min(...candidates) : Math.max(first, second));
}

/** Days as plain calendar dates: arithmetic in UTC never meets a daylight-saving gap. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Monday of the week that holds `day`. */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

export function monthStart(day: string): string {
  return `${day.slice(0, 8)}01`;
}

/** Whether Intl knows the zone by this IANA name. */
/** The last day of a month 'YYYY-MM', as 'YYYY-MM-DD': day 0 of the next month. */
export function lastDayOfMonth(month: string): string {
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
  return `${month}-${String(last.getUTCDate()).padStart(2, '0')}`;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar day and the hour (0–23) of the zone's wall clock at an instant. */
export function hourIn(at: Date, timeZone: string): { day: string; hour: number } {
  return { day: countingDay(at, timeZone), hour: wallClock(at, timeZone).hour };
}

/** The start of today and of this month at `now`, as a person in `timeZone` counts them. */
export function calendarBounds(now: Date, timeZone: string): { dayStart: Date; monthStart: Date } {
  const today = countingDay(now, timeZone);
  return { dayStart: dayStart(today, timeZone), monthStart: dayStart(monthStart(today), timeZone) };
}

/**
 * The latest calendar date anywhere on Earth at `now` (UTC+14): someone far east of the server may
 * already be on tomorrow's date, and nobody is on the day after.
 */
export function latestDateOnEarth(now: Date): string {
  return new Date(now.getTime() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/**
 * The instant a zone's wall clock shows a time (YYYY-MM-DDTHH:MM, as a datetime-local field sends
 * it), or null if it is not one; in a gap (clocks moved forward) the first instant after it.
 */
export function instantOfWallTime(local: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const wall = Date.parse(`${local}:00Z`);
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 16) !== local) return null;
  const first = wall - offsetAt(new Date(wall), timeZone);
  return new Date(wall - offsetAt(new Date(first), timeZone));
}

/** The zone's wall clock at an instant as HH:MM, to compare with calling hours. */
export function clockIn(at: Date, timeZone: string): string {
  const { hour, minute } = wallClock(at, timeZone);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
