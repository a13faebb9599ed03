/**
 * Intl formatters, each built once: building one costs more than the rest of
 * a small page (docs/performance.md), and the set of languages and options in
 * use is small and fixed.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function dateTimeFormat(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

export function numberFormat(lang: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, options);
    numberFormats.set(key, format);
  }
  return format;
}

const longDates = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar day, given as its UTC midnight, as the reader writes dates ("2026年11月23日", "November 23, 2026").
 * Not for instants: zoned-time.ts writes those in the counting zone.
 */
export function longDate(date: Date, lang: string): string {
  let format = longDates.get(lang);
  if (!format) {
    format = dateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
    longDates.set(lang, format);
  }
  return format.format(date);
}
