import { addDays } from '../../../../domain/counter/counting-day.ts';
import { isCalendarDay } from '../../../../domain/counter/day-range.ts';
import { catalogFor, errorMessage, type Locale } from '../../../../i18n/index.ts';
import { zoneName } from '../../../../i18n/zoned-time.ts';
import {
  SEARCH_FIELDS,
  SEARCH_MODES,
  type ArchiveItem,
  type ArchivePage,
  type SearchField,
  type SearchMode,
  type SearchOutcome,
} from '../../../../services/archive-service.ts';
import { escapeHtml } from '../../../views/escape-html.ts';
import { inPageShell } from '../../../views/page-shell.tsx';
import { archiveMessages, type ArchiveMessages } from '../messages.ts';
import type { EntryCache } from './entry-cache.ts';
import { formatDay, type EntryLevel } from './entry-html.ts';

/*
 * The archive's pages (latest, a day, the selection, search) as template strings in the public
 * layout (page-shell.tsx), every value escaped by escapeHtml: the same bytes their JSX gave, at a
 * fraction of the CPU (docs/performance.md, "Public pages rendered per request"). Entries come from the cache. A page is a
 * string, not bytes: see serveRendered.
 */

/** What every archive page is rendered with. */
export interface ArchiveView {
  locale: Locale;
  /** Today in the counting time zone, for the navigation. */
  today: string;
  /** The counting time zone, which the intros name: every date on these pages is a day there. */
  timeZone: string;
  entries: EntryCache;
}

/** Query strings of this site's own links; values are percent-encoded, escapeHtml does the rest. */
function withQuery(path: string, params: Record<string, string | undefined>): string {
  if (Object.values(params).every((value) => value === undefined || value === '')) return path;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

const link = (href: string, text: string, attributes = '') => `<a${attributes} href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
const element = (tag: string, attributes: string, text: string) => `<${tag}${attributes}>${escapeHtml(text)}</${tag}>`;

/** The archive's own links; "today" opens the day pages, which lead to the days around them. */
function nav(view: ArchiveView, m: ArchiveMessages): string {
  const { locale } = view;
  return (
    `<nav aria-label="${escapeHtml(m.nav.label)}">${link(`/${locale}/declarations`, m.nav.latest)}${link(`/${locale}/featured`, m.nav.featured)}` +
    `${link(`/${locale}/days/${view.today}`, m.nav.today)}${link(`/${locale}/search`, m.nav.search)}</nav>`
  );
}

function entries(view: ArchiveView, items: readonly ArchiveItem[], level: EntryLevel): string {
  let html = '';
  for (const item of items) html += view.entries.html(item, view.locale, level);
  return html;
}

const SECONDARY = ' class="button secondary"';

/** "Older" carries the next cursor; "newest" leads back to the first page once the reader has left it. */
function pager(
  m: ArchiveMessages,
  pages: { first: string; next: string | null; paged: boolean; nextLabel?: string; params?: Record<string, string | undefined> },
): string {
  const { first, next, paged } = pages;
  if (!next && !paged) return '';
  let html = '<p class="actions">';
  if (paged) html += `<a${SECONDARY} href="${escapeHtml(withQuery(first, pages.params ?? {}))}">${escapeHtml(m.newest)}</a>`;
  if (next)
    html += `<a${SECONDARY} rel="next" href="${escapeHtml(withQuery(first, { ...pages.params, cursor: next }))}">${escapeHtml(pages.nextLabel ?? m.older)}</a>`;
  return `${html}</p>`;
}

function feedLink(href: string, m: ArchiveMessages): string {
  return `<p class="hint"><a href="${escapeHtml(href)}" type="application/atom+xml">${escapeHtml(m.feed)}</a></p>`;
}

const empty = (shown: boolean, text: string) => (shown ? element('p', ' id="empty"', text) : '');

export function latestPage(view: ArchiveView, page: ArchivePage, cursor: string | undefined): string {
  const { locale } = view;
  const m = archiveMessages(locale);
  const main =
    element('h1', '', m.latest.title) +
    nav(view, m) +
    element('p', ' class="lead"', m.latest.intro(zoneName(catalogFor(locale), view.timeZone))) +
    empty(page.items.length === 0, m.latest.empty) +
    entries(view, page.items, 2) +
    pager(m, { first: `/${locale}/declarations`, next: page.next, paged: cursor !== undefined }) +
    feedLink(`/${locale}/feeds/latest.atom`, m);
  return inPageShell(locale, { title: m.latest.title, path: withQuery('/declarations', { cursor }), main });
}

export function dayPage(view: ArchiveView, day: string, page: ArchivePage, cursor: string | undefined): string {
  const { locale } = view;
  const t = catalogFor(locale);
  const m = archiveMessages(locale);
  const previous = addDays(day, -1);
  const next = addDays(day, 1);
  const title = m.day.title(formatDay(day, t.lang));
  let around = '<p class="actions">';
  if (isCalendarDay(previous)) around += link(`/${locale}/days/${previous}`, m.day.previous, `${SECONDARY} rel="prev"`);
  if (isCalendarDay(next) && day < view.today) around += link(`/${locale}/days/${next}`, m.day.next, SECONDARY);
  const main =
    element('h1', '', title) +
    nav(view, m) +
    element('p', ' class="hint"', m.day.intro(zoneName(t, view.timeZone))) +
    `${around}</p>` +
    empty(page.items.length === 0, m.day.empty) +
    entries(view, page.items, 2) +
    pager(m, { first: `/${locale}/days/${day}`, next: page.next, paged: cursor !== undefined });
  return inPageShell(locale, { title, path: withQuery(`/days/${day}`, { cursor }), main });
}

/** Consecutive items featured on the same day, under one heading. */
function byFeaturedDay(items: readonly ArchiveItem[]): { day: string; items: ArchiveItem[] }[] {
  const groups: { day: string; items: ArchiveItem[] }[] = [];
  for (const item of items) {
    const day = item.featuredOn ?? '';
    const last = groups.at(-1);
    if (last && last.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  return groups;
}

export function featuredPage(view: ArchiveView, page: ArchivePage, cursor: string | undefined): string {
  const { locale } = view;
  const t = catalogFor(locale);
  const m = archiveMessages(locale);
  let main =
    element('h1', '', m.featured.title) +
    nav(view, m) +
    element('p', ' class="lead"', m.featured.intro(zoneName(t, view.timeZone))) +
    empty(page.items.length === 0, m.featured.empty);
  for (const group of byFeaturedDay(page.items))
    main += `<section>${element('h2', '', m.featured.dayHeading(formatDay(group.day, t.lang)))}${entries(view, group.items, 3)}</section>`;
  main +=
    pager(m, { first: `/${locale}/featured`, next: page.next, paged: cursor !== undefined }) +
    feedLink(`/${locale}/feeds/featured.atom`, m);
  return inPageShell(locale, { title: m.featured.title, path: withQuery('/featured', { cursor }), main });
}

function problemMessage(m: ArchiveMessages, outcome: Exclude<SearchOutcome, { ok: true }>, locale: Locale): string {
  if (outcome.problem === 'characters') return errorMessage(locale, outcome.code);
  if (outcome.problem === 'tooShort') return m.search.tooShort(outcome.limit);
  if (outcome.problem === 'tooLong') return m.search.tooLong(outcome.limit);
  return m.search.empty;
}

function radios(name: string, values: readonly string[], chosen: string, labels: Record<string, string>): string {
  let html = '';
  for (const value of values)
    html += `<label><input type="radio" name="${name}" value="${value}"${value === chosen ? ' checked=""' : ''}/>${escapeHtml(labels[value]!)}</label>`;
  return html;
}

/** The search form; a role rather than <search>, which is too new for some readers' browsers. */
function searchForm(locale: Locale, m: ArchiveMessages, q: string, field: SearchField, mode: SearchMode): string {
  return (
    `<form method="get" action="/${locale}/search" role="search"><div class="field">${element('label', ' for="q"', m.search.query)}` +
    `<input id="q" name="q" value="${escapeHtml(q)}" maxlength="100" aria-describedby="search-hint"/>` +
    `${element('p', ' class="hint" id="search-hint"', m.search.hint)}</div>` +
    `<fieldset>${element('legend', '', m.search.field)}${radios('field', SEARCH_FIELDS, field, m.search.fields)}</fieldset>` +
    `<fieldset>${element('legend', '', m.search.mode)}${radios('mode', SEARCH_MODES, mode, m.search.modes)}</fieldset>` +
    `<p class="actions">${element('button', ' type="submit"', m.search.submit)}</p></form>`
  );
}

export function searchPage(
  view: ArchiveView,
  search: { q: string; field: SearchField; mode: SearchMode; cursor: string | undefined; outcome: SearchOutcome | null },
): string {
  const { locale } = view;
  const { q, field, mode, cursor, outcome } = search;
  const m = archiveMessages(locale);
  const params = { q, field, mode };
  let main = element('h1', '', m.search.title) + nav(view, m) + searchForm(locale, m, q, field, mode);
  // An alert, so a screen reader says why nothing was searched for.
  if (outcome && !outcome.ok) main += element('p', ' class="error" role="alert" id="search-problem"', problemMessage(m, outcome, locale));
  if (outcome?.ok) {
    const page = outcome.value;
    main +=
      `<section id="results">${element('h2', '', m.search.results(q))}` +
      empty(page.items.length === 0, page.next ? m.search.noneInRange : m.search.none) +
      entries(view, page.items, 3) +
      pager(m, {
        first: `/${locale}/search`,
        next: page.next,
        paged: cursor !== undefined,
        params,
        ...(page.items.length === 0 ? { nextLabel: m.search.more } : {}),
      }) +
      '</section>';
  }
  return inPageShell(locale, { title: m.search.title, path: withQuery('/search', q ? { ...params, cursor } : {}), main });
}
