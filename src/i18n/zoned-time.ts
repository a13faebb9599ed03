import { dateTimeFormat, longDate } from './formats.ts';
import type { Catalog } from './index.ts';

/**
 * Every date and time a person reads, on a page, in the console or in an export, is written in the
 * counting time zone (config.timeZone, whose midnight starts a counting day) and names that zone.
 * A date read in any other zone can disagree with the archive's day pages for hours each day.
 * Machine timestamps (JSON, Atom, <time datetime>) stay ISO-8601 instants.
 */

/** Asia/Shanghai and the old names that link to it. */
const BEIJING = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC']);

const names = new Map<string, string>();
const formats = new Map<string, Intl.DateTimeFormat>();

function cached(lang: string, timeZone: string, style: 'date' | 'dateTime' | 'stamp'): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${style}`;
  let format = formats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'date'
        ? { dateStyle: 'long', timeZone }
        : style === 'dateTime'
          ? { dateStyle: 'long', timeStyle: 'short', timeZone }
          : {
              timeZone,
              year: 'numeric',
              month: '2-digit',
              day: '2-digit',
              hour: '2-digit',
              minute: '2-digit',
              second: '2-digit',
              hourCycle: 'h23',
            };
    format = dateTimeFormat(lang, options);
    formats.set(key, format);
  }
  return format;
}

/**
 * The zone as readers call it: 北京时间, 北京時間, Beijing time; another zone by its localized
 * generic name (中欧时间, Central European Time), or its standard name where it has no generic one
 * (协调世界时), or its offset where it has neither.
 */
export function zoneName(t: Catalog, timeZone: string): string {
  if (BEIJING.has(timeZone)) return t.zone.beijing;
  const key = `${t.lang}|${timeZone}`;
  let name = names.get(key);
  if (name === undefined) {
    const named = (style: 'longGeneric' | 'long') =>
      new Intl.DateTimeFormat(t.lang, { timeZone, timeZoneName: style })
        .formatToParts(new Date())
        .find((part) => part.type === 'timeZoneName')?.value;
    const generic = named('longGeneric');
    name = (generic && !generic.startsWith('GMT') ? generic : named('long')) ?? timeZone;
    names.set(key, name);
  }
  return name;
}

/** "2026年12月7日（北京时间）", "December 7, 2026 (Beijing time)". */
export function zonedDate(at: Date, t: Catalog, timeZone: string): string {
  return t.zone.labelled(cached(t.lang, timeZone, 'date').format(at), zoneName(t, timeZone));
}

/** "2026年12月7日 01:30（北京时间）", "December 7, 2026 at 1:30 AM (Beijing time)". */
export function zonedDateTime(at: Date, t: Catalog, timeZone: string): string {
  return t.zone.labelled(cached(t.lang, timeZone, 'dateTime').format(at), zoneName(t, timeZone));
}

/** A counting day (YYYY-MM-DD, already a date in the zone) as the reader writes dates, labelled. */
export function zonedDay(day: string, t: Catalog, timeZone: string): string {
  return t.zone.labelled(longDate(new Date(`${day}T00:00:00Z`), t.lang), zoneName(t, timeZone));
}

/**
 * "2026-12-07 01:30" (or with seconds) on the zone's wall clock, for staff tables, exports and the
 * legacy counter: sorts as text and reads the same in every language. Name the zone beside it
 * (in a column heading, say) with zoneName.
 */
export function zonedStamp(at: Date, timeZone: string, precision: 'minute' | 'second' = 'minute'): string {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of cached('en-CA', timeZone, 'stamp').formatToParts(at)) parts[part.type] = part.value;
  const time = precision === 'second' ? `${parts.hour}:${parts.minute}:${parts.second}` : `${parts.hour}:${parts.minute}`;
  return `${parts.year}-${parts.month}-${parts.day} ${time}`;
}
