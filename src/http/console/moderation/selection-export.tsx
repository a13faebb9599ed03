import { stringify } from 'csv-stringify/sync';
import type { SelectionItem } from '../../../services/moderation/selection.ts';
import { exportDate, labelsFor, type ExportOptions } from './selection-labels.ts';
import { SelectionDocument } from './views/selection-document.tsx';

/** Exporters for the newspaper: the daily selection, or every statement published on a day. */

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

export function toHtml(items: readonly SelectionItem[], options: ExportOptions): string {
  return `<!doctype html>\n${(<SelectionDocument items={items} options={options} />).toString()}\n`;
}

const CSV_COLUMNS = [
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
 * RFC 4180: CRLF line ends, a header row, quotes only where needed (and
 * around any line break). A cell that a spreadsheet would run as a formula
 * (= + - @ tab CR first) gets a leading ' so it shows as text. Starts
 * with a UTF-8 byte order mark unless `bom` is false, so spreadsheet
 * programs read Chinese text correctly. Data, not prose: keys instead of
 * labels, text as the declarant wrote it, the exact instant of publication,
 * and the day it counts on with the counting zone's IANA name beside it on
 * every row, so a sheet cut or filtered still says which zone its days are in.
 */
export function toCsv(items: readonly SelectionItem[], options: { timeZone: string; bom?: boolean }): string {
  const records = items.map(
    (item): Record<(typeof CSV_COLUMNS)[number], string | number> => ({
      registration_number: item.registrationNumber,
      // Raw data, like the organisation codes: empty when the declarant wrote no title.
      title: item.title ?? '',
      names: item.names.join('; '),
      headcount: item.headcount,
      orgs: item.orgs.join(';'),
      region: item.region ?? '',
      behalf: item.behalf,
      statement: item.statement ?? '',
      published_at: item.publishedAt.toISOString(),
      published_on: exportDate(item.publishedAt, options.timeZone),
      time_zone: options.timeZone,
    }),
  );
  return stringify(records, {
    bom: options.bom !== false,
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: 'windows',
    escape_formulas: true,
    quoted_match: /[\r\n]/,
  });
}
