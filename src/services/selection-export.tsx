import { countingDay } from '../domain/counting/counting-day.ts';
import { defaultTitle } from '../i18n/declaration-title.ts';
import { catalogFor, type Catalog, type Locale } from '../i18n/index.ts';
import { inReaderScript } from '../i18n/script-conversion.ts';
import { zonedDay } from '../i18n/zoned-time.ts';
import type { PublishedDeclaration } from './declaration-service.ts';

/**
 * Exporters for the newspaper: the daily selection, or every statement
 * published on a day. Items carry public fields only (what a permalink
 * shows); every piece of declarant text is treated as hostile.
 */
export type SelectionItem = PublishedDeclaration;

export interface ExportOptions {
  /** The language of headings and labels; Chinese statements are shown in its script, as on public pages. */
  locale: Locale;
  /** The counting time zone: every date in an export is a day there. */
  timeZone: string;
  heading?: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
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

/** Characters that start inline markup wherever they stand: code, emphasis, links, HTML, strikethrough, table cells. */
const INLINE = /[\\`*_[\]<~|]/g;
/** An entity or character reference, which a renderer would decode. */
const ENTITY = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g;
/** What GitHub-flavoured renderers turn into links without brackets. */
const AUTOLINK = /\b(https?|ftp|mailto)(:)|\b(www)(\.)/gi;

/**
 * Escapes declarant text for Markdown, only where a character would change
 * the meaning: inline markup anywhere, and block markup (headings, lists,
 * quotes, setext underlines) at the start of a line. "2026-12-06" or a
 * hyphen mid-line stay as they are. Leading spaces are dropped so no line
 * turns into a code block.
 */
export function escapeMarkdown(value: string): string {
  return value
    .split('\n')
    .map((raw) => {
      let line = raw
        .trimStart()
        .replace(INLINE, (c) => `\\${c}`)
        .replace(ENTITY, '\\&')
        .replace(AUTOLINK, (_match, scheme?: string, colon?: string, www?: string, dot?: string) =>
          scheme !== undefined ? `${scheme}\\${colon}` : `${www}\\${dot}`,
        )
        // A closing sequence of a heading: "title #".
        .replace(/(\s)(#+)(\s*)$/, (_match, space: string, hashes: string, tail: string) => `${space}\\${hashes}${tail}`);
      if (/^(#{1,6}|[-+])(\s|$)/.test(line) || line.startsWith('>') || /^(=+|-+)\s*$/.test(line)) line = `\\${line}`;
      else line = line.replace(/^([0-9]{1,9})([.)])(\s|$)/, '$1\\$2$3');
      return line;
    })
    .join('\n');
}

function labelsFor(locale: Locale, timeZone: string) {
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

export function toMarkdown(items: readonly SelectionItem[], options: ExportOptions): string {
  const { script, title, behalf, facts } = labelsFor(options.locale, options.timeZone);
  const out: string[] = [];
  if (options.heading !== undefined) out.push(`# ${escapeMarkdown(options.heading)}`, '');
  for (const item of items) {
    out.push(`## ${escapeMarkdown(title(item))}`, '');
    for (const [label, value] of facts(item)) out.push(`- ${escapeMarkdown(label)}: ${escapeMarkdown(value)}`);
    out.push(`- ${escapeMarkdown(behalf(item))}`, '');
    if (item.statement) {
      for (const line of escapeMarkdown(script(item.statement)).split('\n')) out.push(line === '' ? '>' : `> ${line}`);
      out.push('');
    }
  }
  return out.join('\n');
}

function Statement({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((paragraph) => (
        <p>
          {paragraph.split('\n').map((line, index) => (
            <>
              {index > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/** A complete, self-contained HTML document; nothing loads from elsewhere. JSX escapes every piece of text. */
export function toHtml(items: readonly SelectionItem[], options: ExportOptions): string {
  const { catalog, script, title: itemTitle, behalf, facts } = labelsFor(options.locale, options.timeZone);
  const title = options.heading ?? catalog.siteName;
  const document = (
    <html lang={catalog.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body>
        <h1>{title}</h1>
        {items.map((item) => (
          <article>
            <h2>{itemTitle(item)}</h2>
            <dl>
              {facts(item).map(([label, value]) => (
                <>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </>
              ))}
            </dl>
            <p>{behalf(item)}</p>
            {item.statement && <Statement text={script(item.statement)} />}
          </article>
        ))}
      </body>
    </html>
  );
  return `<!doctype html>\n${document.toString()}\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a leading = + - @ tab or CR gets a `'` so spreadsheets show
 * text instead of running a formula; then RFC 4180 quoting.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
  'registration_number',
  'title',
  'names',
  'headcount',
  'orgs',
  'region',
  'behalf',
  'statement',
  'published_at',
  'published_on',
  'time_zone',
] as const;

/**
 * RFC 4180: CRLF line ends, a header row, quotes only where needed. Starts
 * with a UTF-8 byte order mark unless `bom` is false, so spreadsheet
 * programs read Chinese text correctly. Data, not prose: keys instead of
 * labels, text as the declarant wrote it, the exact instant of publication,
 * and the day it counts on with the counting zone's IANA name beside it on
 * every row, so a sheet cut or filtered still says which zone its days are in.
 */
export function toCsv(items: readonly SelectionItem[], options: { timeZone: string; bom?: boolean }): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const item of items) {
    rows.push(
      [
        item.registrationNumber,
        // Raw data, like the organisation codes: empty when the declarant wrote no title.
        item.title ?? '',
        item.names.join('; '),
        item.headcount,
        item.orgs.join(';'),
        item.region ?? '',
        item.behalf,
        item.statement ?? '',
        item.publishedAt.toISOString(),
        exportDate(item.publishedAt, options.timeZone),
        options.timeZone,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${options.bom === false ? '' : '\uFEFF'}${rows.join('\r\n')}\r\n`;
}
