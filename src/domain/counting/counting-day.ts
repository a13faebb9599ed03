import { REGIONS } from '../declaration/regions.ts';
import { aliasKey } from '../declaration/alias-key.ts';

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

const REGION_KEYS = REGIONS.map((region) => ({ zh: region.zh, en: region.en.toLowerCase() }));

/**
 * The province a free-text region belongs to, for the statistics by region:
 * "辽宁大连", "遼寧" and "Liaoning" all count under 辽宁. Unknown text is "other".
 */
export function regionKey(region: string | null): string {
  if (!region) return 'none';
  const folded = aliasKey(region);
  const lower = region.trim().toLowerCase();
  const match = REGION_KEYS.find((candidate) => folded.startsWith(candidate.zh) || lower.startsWith(candidate.en));
  return match ? match.zh : 'other';
}
