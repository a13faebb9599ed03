import { defaultTitle } from '../i18n/declaration-title.ts';
import { catalogFor, type Locale } from '../i18n/index.ts';
import type { PublishedDeclaration } from './declaration-service.ts';

/**
 * Exporters for the daily selection. Items carry public fields only (what a
 * permalink shows); every piece of declarant text is treated as hostile.
 */
export type SelectionItem = PublishedDeclaration;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Backslash-escapes every ASCII punctuation character (CommonMark allows it
 * for all of them), so declarant text cannot open a link, an HTML tag, an
 * entity, emphasis, a heading or a list. Leading spaces are dropped so no
 * line turns into a code block.
 */
export function escapeMarkdown(value: string): string {
  return value
    .split('\n')
    .map((line) => line.trimStart().replace(/[!-\/:-@[-`{-~]/g, (c) => `\\${c}`))
    .join('\n');
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function labelsFor(locale: Locale) {
  const catalog = catalogFor(locale);
  const { declaration, form } = catalog;
  const joiner = form.orgsJoiner;
  return {
    catalog,
    orgs: (item: SelectionItem) => item.orgs.map((org) => form.orgs[org]).join(joiner),
    title: (item: SelectionItem) => item.title ?? defaultTitle(item.orgs, locale),
    names: (item: SelectionItem) => item.names.join(locale === 'en' ? ', ' : '、'),
    behalf: (item: SelectionItem) => declaration.behalf[item.behalf],
  };
}

export function toMarkdown(items: readonly SelectionItem[], locale: Locale, options: { heading?: string } = {}): string {
  const { catalog, orgs, names, behalf, title } = labelsFor(locale);
  const labels = catalog.declaration;
  const out: string[] = [];
  if (options.heading !== undefined) out.push(`# ${escapeMarkdown(options.heading)}`, '');
  for (const item of items) {
    out.push(`## ${escapeMarkdown(title(item))}`, '');
    const facts: [string, string][] = [
      [labels.numberLabel, item.registrationNumber],
      [labels.namesLabel, names(item)],
      [labels.peopleLabel, labels.people(item.headcount)],
      [labels.orgsLabel, orgs(item)],
      ...(item.region ? ([[labels.regionLabel, item.region]] as [string, string][]) : []),
      [labels.publishedLabel, day(item.publishedAt)],
    ];
    for (const [label, value] of facts) out.push(`- ${escapeMarkdown(label)}: ${escapeMarkdown(value)}`);
    out.push(`- ${escapeMarkdown(behalf(item))}`, '');
    if (item.statement) {
      for (const line of escapeMarkdown(item.statement).split('\n')) out.push(line === '' ? '>' : `> ${line}`);
      out.push('');
    }
  }
  return out.join('\n');
}

/** A complete, self-contained HTML document; nothing loads from elsewhere. */
export function toHtml(items: readonly SelectionItem[], locale: Locale, options: { heading?: string } = {}): string {
  const { catalog, orgs, names, behalf, title: itemTitle } = labelsFor(locale);
  const labels = catalog.declaration;
  const title = options.heading ?? catalog.siteName;
  const articles = items.map((item) => {
    const facts: [string, string][] = [
      [labels.numberLabel, item.registrationNumber],
      [labels.namesLabel, names(item)],
      [labels.peopleLabel, labels.people(item.headcount)],
      [labels.orgsLabel, orgs(item)],
      ...(item.region ? ([[labels.regionLabel, item.region]] as [string, string][]) : []),
      [labels.publishedLabel, day(item.publishedAt)],
    ];
    const statement = item.statement
      ? item.statement
          .split(/\n{2,}/)
          .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>')}</p>`)
          .join('\n')
      : '';
    return [
      '<article>',
      `<h2>${escapeHtml(itemTitle(item))}</h2>`,
      '<dl>',
      ...facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`),
      '</dl>',
      `<p>${escapeHtml(behalf(item))}</p>`,
      statement,
      '</article>',
    ]
      .filter((line) => line !== '')
      .join('\n');
  });
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(catalog.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    ...articles,
    '</body>',
    '</html>',
    '',
  ].join('\n');
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
] as const;

/**
 * RFC 4180: CRLF line ends, a header row, quotes only where needed. Starts
 * with a UTF-8 byte order mark unless `bom` is false, so spreadsheet
 * programs read Chinese text correctly.
 */
export function toCsv(items: readonly SelectionItem[], options: { bom?: boolean } = {}): string {
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
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${options.bom === false ? '' : '\uFEFF'}${rows.join('\r\n')}\r\n`;
}
