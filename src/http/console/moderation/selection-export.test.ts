import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { LOCALES, catalogFor, type Locale } from '../../../i18n/index.ts';
import type { SelectionItem } from '../../../services/moderation/selection.ts';
import { escapeMarkdown, toCsv, toHtml, toMarkdown } from './selection-export.tsx';
import { exportDate } from './selection-labels.ts';

const hostile: SelectionItem = {
  registrationNumber: '4111111111111111',
  names: ['<b>明德</b>', '=cmd|"/c calc"!A1'],
  headcount: 2,
  orgs: ['party', 'pioneers'],
  title: '<script>alert("t")</script>',
  region: '"辽宁", 大连',
  statement:
    '=HYPERLINK("http://evil.example","点我")\n第二行 "引号", 逗号\n\n# [link](javascript:alert(1)) & <img src=x onerror=alert(1)>',
  behalf: 'self',
  publishedAt: new Date('2025-03-01T08:00:00.000Z'),
};

describe('selection exporters', () => {
  test('HTML is a complete document with every piece of text escaped', () => {
    const html = toHtml([hostile], { locale: 'zh-hans', timeZone: 'Asia/Shanghai', heading: '每日精选 <2025-03-01>' });
    assert.match(html, /^<!doctype html>\n<html lang="zh-Hans">/);
    assert.match(html, /<meta charset="utf-8"\/>/);
    assert.match(html, /<\/body><\/html>\n$/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /<b>/);
    assert.match(html, /&lt;script&gt;alert\(&quot;t&quot;\)&lt;\/script&gt;/);
    assert.match(html, /<title>每日精选 &lt;2025-03-01&gt;<\/title>/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /第二行 &quot;引号&quot;, 逗号/);
    assert.match(html, /中国共产党、少先队/);
    assert.match(html, /4111111111111111/);
  });

  test('Markdown escapes only what would change the meaning: no tag, link, heading or entity survives', () => {
    const md = toMarkdown([hostile], { locale: 'en', timeZone: 'Asia/Shanghai', heading: 'Selection 2025-03-01' });
    assert.match(md, /^# Selection 2025-03-01\n/);
    assert.doesNotMatch(md, /(?<!\\)<script/);
    assert.doesNotMatch(md, /(?<!\\)<img/);
    assert.doesNotMatch(md, /(?<!\\)\[link\]/);
    assert.match(md, /## \\<script>alert\("t"\)\\<\/script>/);
    assert.match(md, /> \\# \\\[link\\\]\(javascript:alert\(1\)\) & \\<img src=x onerror=alert\(1\)>/);
    assert.match(md, /=HYPERLINK\("http\\:\/\/evil.example","点我"\)/);
    assert.match(md, /- Published: March 1, 2025 \(Beijing time\)\n/);
    assert.match(md, /Chinese Communist Party/);
  });

  test('escapeMarkdown leaves dates and plain punctuation alone and escapes block markup at the start of a line', () => {
    assert.equal(escapeMarkdown('2026-12-06 a-b (c) "d" e.f: g!'), '2026-12-06 a-b (c) "d" e.f: g!');
    assert.equal(
      escapeMarkdown('# x\n- y\n+ z\n> q\n1. one\n2) two\n---\n==\n   indented'),
      '\\# x\n\\- y\n\\+ z\n\\> q\n1\\. one\n2\\) two\n\\---\n\\==\nindented',
    );
    assert.equal(escapeMarkdown('*a* _b_ `c` [d](e) <f> ~g~ h|i \\ j'), '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f> \\~g\\~ h\\|i \\\\ j');
    assert.equal(escapeMarkdown('&amp; &#60; AT&T & co'), '\\&amp; \\&#60; AT&T & co');
    assert.equal(escapeMarkdown('see www.example.org or https://x.example'), 'see www\\.example.org or https\\://x.example');
    assert.equal(escapeMarkdown('title #'), 'title \\#');
    assert.equal(escapeMarkdown('#hashtag 2025年'), '#hashtag 2025年');
  });

  test('exports are in the chosen language, statements in its script, dates in the counting time zone', () => {
    const item: SelectionItem = {
      ...hostile,
      names: ['张国强'],
      title: '声明退党',
      region: '广东',
      statement: '我们这一代人',
      publishedAt: new Date('2025-03-01T20:00:00.000Z'),
    };
    const hant = toMarkdown([item], { locale: 'zh-hant', timeZone: 'Asia/Shanghai' });
    assert.match(hant, /## 聲明退黨/);
    assert.match(hant, /張國強/);
    assert.match(hant, /> 我們這一代人/);
    assert.match(hant, /- 發表於: 2025年3月2日（北京時間）\n/, 'eight in the evening UTC is the next day in Shanghai');
    const en = toHtml([item], { locale: 'en', timeZone: 'America/New_York' });
    assert.match(en, /<html lang="en">/);
    assert.match(en, /<dt>Published<\/dt><dd>March 1, 2025 \(Eastern Time\)<\/dd>/);
    assert.match(en, /声明退党/, 'English readers see the text as written');
    assert.match(toHtml([item], { locale: 'zh-hans', timeZone: 'Asia/Shanghai' }), /<dt>发表于<\/dt><dd>2025年3月2日（北京时间）<\/dd>/);
  });

  test('CSV follows RFC 4180 and defuses spreadsheet formulas', () => {
    const csv = toCsv([hostile, { ...hostile, title: '+1', statement: null, region: null, names: ['@SUM(A1)', '\tx'] }], {
      timeZone: 'Asia/Shanghai',
    });
    assert.ok(csv.startsWith('\uFEFF'));
    assert.ok(csv.endsWith('\r\n'));
    const rows = parseCsv(csv, { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.title, hostile.title);
    assert.equal(rows[0]!.names, `<b>明德</b>; =cmd|"/c calc"!A1`);
    assert.equal(rows[0]!.statement, `'${hostile.statement}`);
    assert.equal(rows[0]!.region, '"辽宁", 大连');
    assert.equal(rows[0]!.orgs, 'party;pioneers');
    assert.equal(rows[0]!.headcount, '2');
    assert.equal(rows[0]!.published_at, '2025-03-01T08:00:00.000Z');
    assert.equal(rows[1]!.title, "'+1");
    assert.equal(rows[1]!.names, "'@SUM(A1); \tx");
    assert.equal(rows[1]!.statement, '');
    // Raw text: quotes are doubled inside a quoted cell.
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example"",""点我"")\n第二行 ""引号"", 逗号`));
    for (const cell of Object.values(rows[0]!).concat(Object.values(rows[1]!))) {
      assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `cell starts with a formula character: ${cell}`);
    }
    assert.equal(
      toCsv([], { timeZone: 'UTC', bom: false }),
      'registration_number,title,names,headcount,orgs,region,behalf,statement,published_at,published_on,time_zone\r\n',
    );
  });

  test('at 01:30 in Beijing, still 6 December in UTC, every export says 7 December and names the zone', () => {
    const item: SelectionItem = { ...hostile, statement: null, publishedAt: new Date('2026-12-06T17:30:00.000Z') };
    const options = { timeZone: 'Asia/Shanghai' };
    const expected: Record<Locale, string> = {
      'zh-hans': '2026年12月7日（北京时间）',
      'zh-hant': '2026年12月7日（北京時間）',
      en: 'December 7, 2026 (Beijing time)',
    };
    for (const locale of LOCALES) {
      const label = catalogFor(locale).declaration.publishedLabel;
      assert.ok(toMarkdown([item], { ...options, locale }).includes(`\n- ${label}: ${expected[locale]}\n`), locale);
      assert.ok(toHtml([item], { ...options, locale }).includes(`<dt>${label}</dt><dd>${expected[locale]}</dd>`), locale);
      assert.equal(exportDate('2026-12-07', 'Asia/Shanghai', catalogFor(locale)), expected[locale], locale);
    }
    // One minute before midnight in Beijing is still the 6th.
    assert.match(
      toMarkdown([{ ...item, publishedAt: new Date('2026-12-06T15:59:00.000Z') }], { ...options, locale: 'zh-hans' }),
      /- 发表于: 2026年12月6日（北京时间）\n/,
    );
    const [row] = parseCsv(toCsv([item], options), { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(row!.published_at, '2026-12-06T17:30:00.000Z', 'the instant stays exact');
    assert.equal(row!.published_on, '2026-12-07');
    assert.equal(row!.time_zone, 'Asia/Shanghai');
    const [utc] = parseCsv(toCsv([item], { timeZone: 'UTC' }), { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual([utc!.published_on, utc!.time_zone], ['2026-12-06', 'UTC']);
  });
});
