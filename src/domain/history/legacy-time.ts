import { addDays, countingDay, dayStart, instantOfWallTime } from '../counter/counting-day.ts';
import { MOVEMENT_FIRST_DAY } from '../counter/day-range.ts';
import { Problem } from '../declaration/fields.ts';

/**
 * The `published` time of a post of the old archive (docs/history.md, part B): read without a Date
 * round trip for nearly every line. An export runs in order of time, so the hours it names repeat
 * line after line: each hour's instant is worked out once (with Date and, for a time without a zone,
 * Intl) and a line's instant is that plus its minutes and seconds; its day and its text as stored
 * come from the UTC day's text, worked out once a day. What is accepted and refused, and the instant,
 * are those of the slow path, which a time outside the fast path's plain cases still takes
 * (legacy-post.test.ts compares both over a change of clocks).
 */

/** Before the movement's first day anywhere on Earth (UTC+14): too early in any counting zone. */
const FIRST_INSTANT = Date.parse(`${MOVEMENT_FIRST_DAY}T00:00:00+14:00`);

/** 2012-04-16 13:45:07 (in the counting time zone) or with a T, and with Z or an offset. */
const TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})?$/;

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Hours remembered at most: an export in order of time does not ask again for the hours passed. */
const HOURS_KEPT = 1000;

/** A time as a post holds it: its instant, its counting day, and its text as the database stores times (toDbTime). */
export interface PublishedTime {
  at: number;
  day: string;
  text: string;
}

/**
 * The counting day of an instant, remembering the last day's bounds: nearly every post falls on the
 * day of the one before it, and Intl (what countingDay asks) is dear.
 */
export function dayFinder(timeZone: string): (at: Date | number) => string {
  let day = '';
  let from = 0;
  let until = 0;
  return (at) => {
    const time = typeof at === 'number' ? at : at.getTime();
    if (time >= from && time < until) return day;
    day = countingDay(new Date(time), timeZone);
    from = dayStart(day, timeZone).getTime();
    until = dayStart(addDays(day, 1), timeZone).getTime();
    return day;
  };
}

/** Two decimal digits at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/**
 * The instant (ms) a wall-clock time of the counting zone (YYYY-MM-DDTHH:MM) stands for, or null,
 * as instantOfWallTime gives it, remembering each hour's offset. Zones change their offset on the
 * hour (the few that do it on the half hour are read to the hour of the change).
 */
function wallInstantFinder(timeZone: string): (local: string) => number | null {
  const hours = new Map<string, { wall: number; offset: number }>();
  return (local) => {
    const hour = local.slice(0, 13);
    const known = hours.get(hour);
    if (known === undefined) {
      const at = instantOfWallTime(local, timeZone);
      if (at === null) return null;
      const wall = Date.parse(`${hour}:00:00Z`);
      if (hours.size >= HOURS_KEPT) hours.clear();
      hours.set(hour, { wall, offset: at.getTime() - Date.parse(`${local}:00Z`) });
      return at.getTime();
    }
    // The hour (its day included) was read already: a minute from 00 to 59 is a time of it.
    const minute = local.length === 16 && local.charCodeAt(13) === 58 ? twoDigits(local, 14) : -1;
    if (minute >= 0 && minute <= 59) return known.wall + minute * MINUTE + known.offset;
    const wall = Date.parse(`${local}:00Z`);
    if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 16) !== local) return null;
    return wall + known.offset;
  };
}

/** wallInstantFinder as a Date. */
export function wallTimeFinder(timeZone: string): (local: string) => Date | null {
  const instant = wallInstantFinder(timeZone);
  return (local) => {
    const at = instant(local);
    return at === null ? null : new Date(at);
  };
}

const pad2 = (value: number) => (value < 10 ? `0${value}` : String(value));

/** Date's toISOString of an instant of the years 1970 to 9999, the UTC day's text remembered. */
function isoTextWriter(): (at: number) => string {
  let dayIndex = Number.NaN;
  let dayText = '';
  return (at) => {
    const index = Math.floor(at / DAY);
    if (index !== dayIndex) {
      dayIndex = index;
      dayText = new Date(index * DAY).toISOString().slice(0, 11);
    }
    let rest = at - index * DAY;
    const hours = Math.floor(rest / HOUR);
    rest -= hours * HOUR;
    const minutes = Math.floor(rest / MINUTE);
    rest -= minutes * MINUTE;
    const seconds = Math.floor(rest / 1000);
    const millis = rest - seconds * 1000;
    return `${dayText}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
  };
}

/** The instant of a time with a zone (Z or an offset), as Date reads it, the day checked to be a real one; null if none. */
function zonedInstant(day: string, clock: string, zone: string): number | null {
  const at = new Date(`${day}T${clock}${zone}`).getTime();
  // Date accepts 2012-02-30; the day must be a real one.
  if (Number.isNaN(at) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) return null;
  return at;
}

/**
 * A reader of `published` for one run: the instant, checked to be after the movement's first day and
 * not after `now`, its counting day and its stored text; or the problem.
 */
export function publishedTimeReader(timeZone: string, now: Date): (value: unknown) => PublishedTime | Problem {
  const wallInstant = wallInstantFinder(timeZone);
  const dayOf = dayFinder(timeZone);
  const textOf = isoTextWriter();
  const latest = now.getTime();
  // Each zoned hour's instant (YYYY-MM-DDTHH and the zone), or null when Date refuses it.
  const zonedHours = new Map<string, number | null>();
  return (value) => {
    if (typeof value !== 'string') return new Problem('published.invalid');
    const match = TIME.exec(value.trim());
    if (!match) return new Problem('published.invalid');
    const [, day, hh, mm, ss, zone] = match as unknown as [string, string, string, string, string, string | undefined];
    const seconds = Number(ss);
    let at: number | null;
    if (zone === undefined) {
      // The zone's wall clock is read to the minute; the seconds are added to its instant.
      const minute = wallInstant(`${day}T${hh}:${mm}`);
      at = minute === null ? null : minute + seconds * 1000;
    } else if (hh < '24' && mm < '60' && seconds < 60) {
      // Within an hour of a fixed offset, a time is its hour's instant plus its minutes and seconds.
      const key = `${day}T${hh}${zone}`;
      let hour = zonedHours.get(key);
      if (hour === undefined) {
        hour = zonedInstant(day, `${hh}:00:00`, zone);
        if (zonedHours.size >= HOURS_KEPT) zonedHours.clear();
        zonedHours.set(key, hour);
      }
      at = hour === null ? null : hour + Number(mm) * MINUTE + seconds * 1000;
    } else at = zonedInstant(day, `${hh}:${mm}:${ss}`, zone);
    if (at === null || Number.isNaN(at)) return new Problem('published.invalid');
    if (at < FIRST_INSTANT) return new Problem('published.tooEarly', { first: MOVEMENT_FIRST_DAY });
    if (at > latest) return new Problem('published.future');
    return { at, day: dayOf(at), text: textOf(at) };
  };
}
