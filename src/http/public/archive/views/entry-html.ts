import type { Catalog, Locale } from '../../../../i18n/index.ts';
import { catalogFor } from '../../../../i18n/index.ts';
import { longDate } from '../../../../i18n/formats.ts';
import { readerTitle } from '../../../../i18n/declaration-title.ts';
import { inReaderScript } from '../../../../i18n/script-conversion.ts';
import type { ArchiveItem } from '../../../../services/archive-service.ts';
import { escapeHtml } from '../../../views/escape-html.ts';
import { archiveMessages, type ArchiveMessages } from '../messages.ts';

/** Lists show the beginning of a statement; the permalink has all of it. */
const EXCERPT_CHARACTERS = 300;
/** Names shown in a list before "and N others". */
const LISTED_NAMES = 3;

/** Days written so far, per language and day: some thousands of days of history in three languages. */
const writtenDays = new Map<string, string>();
const WRITTEN_DAYS = 50_000;

/** A calendar day (YYYY-MM-DD) as the reader writes dates; remembered, as Intl's formatting costs 1-2 µs an entry. */
export function formatDay(day: string, lang: string): string {
  const key = `${lang}|${day}`;
  let written = writtenDays.get(key);
  if (written === undefined) {
    written = longDate(new Date(`${day}T00:00:00Z`), lang);
    if (writtenDays.size >= WRITTEN_DAYS) writtenDays.clear();
    writtenDays.set(key, written);
  }
  return written;
}

/**
 * The first `max` characters (code points, so no character is cut in half) of a
 * statement on one line, and whether anything was left out.
 */
export function excerpt(text: string, max = EXCERPT_CHARACTERS): { text: string; truncated: boolean } {
  const characters = Array.from(text.replace(/\s*\n\s*/g, ' '));
  if (characters.length <= max) return { text: characters.join(''), truncated: false };
  return { text: characters.slice(0, max).join('').trimEnd(), truncated: true };
}

/** Heading level of an entry: h2 in a plain list, h3 under a day's or the results' heading. */
export type EntryLevel = 2 | 3;

/**
 * One declaration in a list, presented like its permalink: Chinese text in the reader's script,
 * every value escaped, the statement cut short. A template string, not JSX: a list entry through
 * hono's JSX cost 50–90 µs of CPU, most of a page (docs/performance.md, "Public pages rendered per request").
 */
export function entryHtml(item: ArchiveItem, locale: Locale, level: EntryLevel): string {
  const t: Catalog = catalogFor(locale);
  const m: ArchiveMessages = archiveMessages(locale);
  const shown = item.names.slice(0, LISTED_NAMES);
  const names = t.declaration.andOthers(
    shown.map((name) => inReaderScript(name, locale)).join(t.form.orgsJoiner),
    item.headcount - shown.length,
    item.headcount,
  );
  const permalink = escapeHtml(`/${locale}/declarations/${item.registrationNumber}`);
  let hint = escapeHtml(names) + escapeHtml(m.separator) + escapeHtml(m.quits(item.orgs.map((org) => m.orgs[org])));
  if (item.region) hint += escapeHtml(m.separator) + escapeHtml(inReaderScript(item.region, locale));
  if (item.countedDay) hint += escapeHtml(m.separator) + escapeHtml(formatDay(item.countedDay, t.lang));
  const title = `<h${level}><a href="${permalink}">${escapeHtml(readerTitle(item, locale))}</a></h${level}>`;
  // Cut before converting: the conversion is character by character, and 300 characters convert faster than 5,000.
  const statement = item.statement ? excerpt(item.statement) : null;
  let body = '';
  if (statement) {
    body = `<p>${escapeHtml(inReaderScript(statement.text, locale))}`;
    if (statement.truncated) body += `${escapeHtml(m.ellipsis)}<a href="${permalink}">${escapeHtml(m.readMore)}</a>`;
    body += '</p>';
  }
  return `<article>${title}<p class="hint">${hint}</p>${body}</article>`;
}
