import { countingDay } from '../../../domain/counter/counting-day.ts';
import { defaultTitle } from '../../../i18n/declaration-title.ts';
import { catalogFor, type Catalog, type Locale } from '../../../i18n/index.ts';
import { inReaderScript } from '../../../i18n/script-conversion.ts';
import { zonedDay } from '../../../i18n/zoned-time.ts';
import type { SelectionItem } from '../../../services/moderation/selection.ts';

/**
 * What the newspaper's documents say of a statement, in the export's language. Items carry public
 * fields only (what a permalink shows); every piece of declarant text is treated as hostile.
 */
export interface ExportOptions {
  /** The language of headings and labels; Chinese statements are shown in its script, as on public pages. */
  locale: Locale;
  /** The counting time zone: every date in an export is a day there. */
  timeZone: string;
  heading?: string;
}

/**
 * The one place an export writes a date: an instant's day (or a day already counted) in the
 * counting time zone. For data (CSV) as YYYY-MM-DD, with the zone in a column of its own; for a
 * reader (given the catalog of the export's language) as that reader writes dates, naming the zone:
 * 2026年12月7日（北京时间）, December 7, 2026 (Beijing time). An editor in another zone must not
 * take it for a day of their own.
 */
export function exportDate(when: Date | string, timeZone: string, t?: Catalog): string {
  const day = typeof when === 'string' ? when : countingDay(when, timeZone);
  return t ? zonedDay(day, t, timeZone) : day;
}

export function labelsFor(locale: Locale, timeZone: string) {
  const catalog = catalogFor(locale);
  const { declaration, form } = catalog;
  const script = (text: string) => inReaderScript(text, locale);
  return {
    catalog,
    script,
    /** The declarant's title in the reader's script, or the default one in the export's language. */
    title: (item: SelectionItem) => (item.title === null ? defaultTitle(item.orgs, locale) : script(item.title)),
    behalf: (item: SelectionItem) => declaration.behalf[item.behalf],
    /** Label and value of each fact, in the order both documents show them. */
    facts: (item: SelectionItem): [string, string][] => [
      [declaration.numberLabel, item.registrationNumber],
      [declaration.namesLabel, item.names.map(script).join(locale === 'en' ? ', ' : '、')],
      [declaration.peopleLabel, declaration.people(item.headcount)],
      [declaration.orgsLabel, item.orgs.map((org) => form.orgs[org]).join(form.orgsJoiner)],
      ...(item.region ? ([[declaration.regionLabel, script(item.region)]] as [string, string][]) : []),
      [declaration.publishedLabel, exportDate(item.publishedAt, timeZone, catalog)],
    ],
  };
}
