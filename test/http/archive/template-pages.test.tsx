import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dayPage, featuredPage, latestPage, searchPage, type ArchiveView } from '../../../src/http/public/archive/views/archive-html.ts';
import { EntryCache } from '../../../src/http/public/archive/views/entry-cache.ts';
import { entryHtml } from '../../../src/http/public/archive/views/entry-html.ts';
import { archiveMessages } from '../../../src/http/public/archive/messages.ts';
import { LOCALES, catalogFor, type Locale } from '../../../src/i18n/index.ts';
import type { ArchiveItem, ArchivePage, SearchOutcome } from '../../../src/services/archive-service.ts';
import { ArchiveEntry, DayPage, FeaturedPage, LatestPage, SearchPage } from './legacy-pages.tsx';

/**
 * The archive's pages as template strings against the JSX they replace, byte for byte, over
 * many rows of hostile and ordinary text in every locale.
 */
const PIECES = [
  '<script>alert(1)</script>',
  '"\'&amp;<>',
  '</p></article>',
  '平安',
  '台灣',
  '这里发生了',
  '爱国者',
  'D\'Arcy "Al"',
  '\n\n  ',
  ' ',
  '😀𠀀',
  '\u202e',
  'x'.repeat(120),
  '国'.repeat(150),
  'javascript:alert(1)',
  '',
];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

function rows(count: number): ArchiveItem[] {
  const next = random(27);
  const pick = () => PIECES[Math.floor(next() * PIECES.length)]!;
  const text = (parts: number) => Array.from({ length: parts }, pick).join('');
  const orgSets = [['party'], ['league', 'pioneers'], ['party', 'league', 'pioneers'], []] as const;
  return Array.from({ length: count }, (_, i) => {
    const names = Array.from({ length: 1 + Math.floor(next() * 5) }, () => text(2) || '无名');
    return {
      registrationNumber: i % 7 === 0 ? `N<${i}>&"` : `20261207-${String(i).padStart(6, '0')}`,
      names,
      headcount: names.length + Math.floor(next() * 3),
      orgs: [...orgSets[i % orgSets.length]!],
      title: i % 5 === 0 ? null : text(3),
      region: i % 4 === 0 ? null : i % 9 === 0 ? '' : text(1),
      statement: i % 6 === 0 ? null : i % 11 === 0 ? '' : text(1 + Math.floor(next() * 12)),
      behalf: 'self',
      publishedAt: new Date(Date.UTC(2026, 11, 7)),
      countedDay: i % 8 === 0 ? null : `2026-0${1 + (i % 9)}-1${i % 10}`,
      featuredOn: i % 3 === 0 ? '2026-11-30' : '2026-12-01',
    } satisfies ArchiveItem;
  });
}

const ITEMS = rows(400);
const pages = (size: number): ArchivePage[] =>
  Array.from({ length: Math.ceil(ITEMS.length / size) }, (_, i) => ({
    items: ITEMS.slice(i * size, i * size + size),
    next: i % 2 === 0 ? `c${i}&x=<y>` : null,
  }));

const view = (locale: Locale, entries = new EntryCache(1 << 20)): ArchiveView => ({
  locale,
  today: '2026-12-07',
  timeZone: 'Asia/Shanghai',
  entries,
});
const jsx = (element: { toString(): string }) => `<!doctype html>${element.toString()}`;
const same = (page: string, expected: string) => assert.equal(page, expected);
const base = (locale: Locale) => ({ locale, t: catalogFor(locale), timeZone: 'Asia/Shanghai', today: '2026-12-07' });

describe('archive pages as template strings', () => {
  test('every entry is what the JSX rendered', () => {
    for (const locale of LOCALES) {
      const m = archiveMessages(locale);
      for (const item of ITEMS)
        for (const level of [2, 3] as const)
          assert.equal(
            entryHtml(item, locale, level),
            String(<ArchiveEntry item={item} locale={locale} t={catalogFor(locale)} m={m} level={level} />),
          );
    }
  });

  test('latest, day and featured pages are what the JSX rendered', () => {
    for (const locale of LOCALES) {
      const entries = new EntryCache(1 << 20);
      for (const [i, page] of pages(20).entries()) {
        const cursor = i % 3 === 0 ? undefined : `k${i}"&<`;
        same(latestPage(view(locale, entries), page, cursor), jsx(<LatestPage {...base(locale)} page={page} cursor={cursor} />));
        same(featuredPage(view(locale, entries), page, cursor), jsx(<FeaturedPage {...base(locale)} page={page} cursor={cursor} />));
        for (const day of ['2026-12-07', '2026-12-06', '2000-01-01', '1900-01-01', '2026-02-28'])
          same(dayPage(view(locale, entries), day, page, cursor), jsx(<DayPage {...base(locale)} day={day} page={page} cursor={cursor} />));
      }
      const none = { items: [], next: null };
      same(latestPage(view(locale), none, undefined), jsx(<LatestPage {...base(locale)} page={none} cursor={undefined} />));
      same(
        dayPage(view(locale), '2026-12-07', none, undefined),
        jsx(<DayPage {...base(locale)} day="2026-12-07" page={none} cursor={undefined} />),
      );
    }
  });

  test('search pages, with every outcome, are what the JSX rendered', () => {
    const outcomes: (SearchOutcome | null)[] = [
      null,
      { ok: false, problem: 'empty' },
      { ok: false, problem: 'tooShort', limit: 2 },
      { ok: false, problem: 'tooLong', limit: 100 },
      { ok: false, problem: 'characters', code: 'text.bidi' },
      { ok: true, value: { items: [], next: null } },
      { ok: true, value: { items: [], next: 'c1' } },
      ...pages(20).map((value) => ({ ok: true as const, value })),
    ];
    for (const locale of LOCALES)
      for (const [i, outcome] of outcomes.entries())
        for (const q of ['', '平安', '"><script>alert(2)</script>&', ' a b '])
          for (const [field, mode] of [
            ['alias', 'exact'],
            ['title', 'prefix'],
            ['region', 'exact'],
          ] as const) {
            const cursor = i % 2 === 0 ? undefined : `<c${i}>`;
            const search = { q, field, mode, cursor, outcome };
            same(searchPage(view(locale), search), jsx(<SearchPage {...base(locale)} {...search} />));
          }
  });
});
