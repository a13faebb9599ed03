import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ATOM_TYPE } from '../../../src/http/public/feeds/routes.ts';
import { escapeXml } from '../../../src/http/views/escape-xml.ts';
import { LOCALES } from '../../../src/i18n/index.ts';
import { decodeCursor, encodeCursor, encodeFeaturedCursor } from '../../../src/services/archive-service.ts';
import { testEngines } from '../../helpers/databases.ts';
import { PUBLIC_URL, ITEM_KEYS, type Published, type Harness, harness, numbersOf, numbersIn } from './harness.ts';
import { parseXml, childElements, textOf } from './xml.ts';

for (const engine of testEngines()) {
  describe(`archive output (${engine})`, () => {
    let h: Harness;
    let hostile: Published;
    let plain: Published;
    before(async () => {
      h = await harness(engine);
      [plain, hostile] = (await h.publish([
        { names: '平安', title: '普通的声明', region: '广东', statement: '第一行\n第二行' },
        {
          names: "D'Arcy",
          title: '<script>alert(1)</script>"\'&标题',
          region: '<img src=x onerror=alert(1)>',
          statement: '</p><script>alert("x")</script>&amp; ]]> <![CDATA[',
        },
      ])) as [Published, Published];
      await h.feature(plain, '2025-05-01');
      await h.feature(hostile, '2025-05-02');
    });
    after(() => h.close());

    test('hostile text is escaped on every page', async () => {
      await h.setDay(hostile, '2025-05-02');
      const pages = [
        '/zh-hans/declarations',
        '/zh-hant/featured',
        '/en/days/2025-05-02',
        `/zh-hans/search?q=${encodeURIComponent('<script>alert(1)</script>')}&field=title`,
        `/en/search?q=${encodeURIComponent('"><script>alert(2)</script>')}&field=alias`,
      ];
      for (const path of pages) {
        const html = await h.html(path);
        assert.doesNotMatch(html, /<script|<img|<b>|<!\[CDATA/i, path);
        assert.match(html, /&lt;script&gt;alert\((1|2|&quot;x&quot;)\)&lt;\/script&gt;/, path);
      }
      const found = await h.html(`/zh-hans/search?q=${encodeURIComponent('<script>')}&field=title`);
      assert.deepEqual(numbersIn(found), [hostile.registrationNumber], 'searched as text');
    });

    test('the JSON shapes: items as the permalink API has them, next, and errors', async () => {
      const latest = await h.json('/api/v1/declarations', { 'accept-language': 'zh-TW' });
      assert.equal(latest.status, 200);
      assert.equal(latest.response.headers.get('cache-control'), 'public, max-age=30');
      assert.deepEqual(Object.keys(latest.body).sort(), ['items', 'next']);
      assert.equal(latest.body.next, null);
      assert.equal(latest.body.items.length, 2);
      for (const item of latest.body.items) assert.deepEqual(Object.keys(item).sort(), ITEM_KEYS);
      assert.deepEqual(latest.body.items[1], {
        registrationNumber: plain.registrationNumber,
        title: '普通的声明',
        titleIsDefault: false,
        names: ['平安'],
        headcount: 1,
        orgs: ['party'],
        region: '广东',
        statement: '第一行\n第二行',
        behalf: 'self',
        publishedAt: latest.body.items[1].publishedAt,
      });
      assert.match(latest.body.items[1].publishedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      assert.equal(latest.body.items[0].title, '<script>alert(1)</script>"\'&标题', 'JSON carries the text as it is');

      const paged = await h.json('/api/v1/declarations?featured=1');
      assert.deepEqual(
        paged.body.items.map((item: { registrationNumber: string }) => item.registrationNumber),
        [hostile.registrationNumber, plain.registrationNumber],
      );

      const errors: [string, string[]][] = [
        ['?day=2025-05-02&q=%E5%B9%B3%E5%AE%89', ['day', 'q']],
        ['?featured=1&day=2025-05-02', ['day', 'featured']],
        ['?featured=yes', ['featured']],
        ['?q=%E5%B9%B3%E5%AE%89&field=statement', ['field']],
        ['?q=%E5%B9%B3%E5%AE%89&mode=fuzzy', ['mode']],
        [`?q=${'x'.repeat(300)}`, ['q']],
      ];
      for (const [query, fields] of errors) {
        const response = await h.json(`/api/v1/declarations${query}`, { 'accept-language': 'zh-TW' });
        assert.equal(response.status, 422, query);
        assert.equal(response.body.error.code, 'request.invalid');
        assert.equal(response.body.error.message, '有幾項需要修改，請查看各項說明。');
        assert.deepEqual(Object.keys(response.body.error.fields).sort(), fields, query);
        assert.equal(response.response.headers.get('cache-control'), 'no-store');
      }
    });

    test('the Atom feeds are well-formed Atom 1.0 with absolute links', async () => {
      for (const locale of LOCALES) {
        for (const [name, expected] of [
          ['latest', [hostile, plain]],
          ['featured', [hostile, plain]],
        ] as const) {
          const response = await h.app.request(`/${locale}/feeds/${name}.atom`);
          assert.equal(response.status, 200);
          assert.equal(response.headers.get('content-type'), ATOM_TYPE);
          assert.equal(response.headers.get('cache-control'), 'public, max-age=30');
          const xml = await response.text();
          assert.doesNotMatch(xml, /<script|<img/);
          const feed = parseXml(xml);
          assert.equal(feed.name, 'feed');
          assert.equal(feed.attributes.xmlns, 'http://www.w3.org/2005/Atom');
          const self = `${PUBLIC_URL}/${locale}/feeds/${name}.atom`;
          assert.equal(textOf(childElements(feed, 'id')[0]), self);
          assert.ok(textOf(childElements(feed, 'title')[0]).length > 0);
          assert.match(textOf(childElements(feed, 'updated')[0]), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
          assert.ok(childElements(feed, 'author').length === 1, 'the feed has an author, so entries need none');
          const links = childElements(feed, 'link');
          assert.ok(links.some((link) => link.attributes.rel === 'self' && link.attributes.href === self));
          const entries = childElements(feed, 'entry');
          assert.deepEqual(
            entries.map((entry) => textOf(childElements(entry, 'id')[0])),
            expected.map((p) => `urn:tuidang:declaration:${p.registrationNumber}`),
          );
          for (const [index, entry] of entries.entries()) {
            for (const required of ['id', 'title', 'updated', 'link', 'summary']) {
              assert.equal(childElements(entry, required).length, 1, `${required} in entry ${index}`);
            }
            assert.equal(
              childElements(entry, 'link')[0]!.attributes.href,
              `${PUBLIC_URL}/${locale}/declarations/${expected[index]!.registrationNumber}`,
            );
          }
          const title = locale === 'zh-hant' ? '標題' : '标题';
          assert.equal(textOf(childElements(entries[0]!, 'title')[0]), `<script>alert(1)</script>"'&${title}`);
          assert.match(textOf(childElements(entries[0]!, 'summary')[0]), /<\/p><script>alert\("x"\)<\/script>&amp; \]\]> <!\[CDATA\[/);
          for (const [, href] of xml.matchAll(/href="([^"]*)"/g)) assert.ok(href!.startsWith(`${PUBLIC_URL}/`), href);
        }
      }
    });

    test('escapeXml leaves nothing XML could misread', () => {
      assert.equal(escapeXml(`<a href="x">&'</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
      assert.equal(escapeXml('a\u0000b\u0008c\uFFFEd\uD800e\u{1F600}\n'), 'abcde\u{1F600}\n');
    });

    test('bad cursors give the first page, never a 500', async () => {
      const firstLatest = numbersOf(await h.archive.latest());
      const bad = [
        '',
        '!!!',
        '====',
        'AAAA',
        'MA',
        encodeCursor(0),
        Buffer.from('-1').toString('base64url'),
        Buffer.from('99999999999').toString('base64url'),
        Buffer.from('2147483648').toString('base64url'),
        Buffer.from('1 or 1=1').toString('base64url'),
        Buffer.from("1'; drop table declarations; --").toString('base64url'),
        Buffer.from('2025-05-02_1e3').toString('base64url'),
        Buffer.from('2025-02-30_5').toString('base64url'),
        'MQ==',
        'MR',
        'x'.repeat(5000),
        '%00',
        '\u{1F600}',
        '../../etc/passwd',
      ];
      for (const cursor of bad) {
        assert.equal(decodeCursor(cursor), undefined, cursor.slice(0, 20));
        assert.deepEqual(numbersOf(await h.archive.latest({ before: cursor })), firstLatest, cursor.slice(0, 20));
        const query = `cursor=${encodeURIComponent(cursor)}`;
        for (const path of [
          `/zh-hans/declarations?${query}`,
          `/zh-hant/featured?${query}`,
          `/en/days/2025-05-02?${query}`,
          `/en/search?q=%E5%B9%B3%E5%AE%89&${query}`,
          `/en/search?q=%E5%B9%B3%E5%AE%89&field=alias&mode=prefix&${query}`,
          `/en/search?q=%E6%99%AE%E9%80%9A&field=title&${query}`,
          `/api/v1/declarations?${query}`,
          `/api/v1/declarations?featured=1&${query}`,
          `/api/v1/declarations?q=%E6%99%AE%E9%80%9A&field=title&${query}`,
        ]) {
          const response = await h.app.request(path);
          assert.ok(response.status === 200, `${path.slice(0, 80)}: ${response.status}`);
        }
      }
      assert.equal(decodeCursor(encodeCursor(12345)), 12345);
      const featuredFirst = numbersOf(await h.archive.featured());
      assert.deepEqual(
        numbersOf(await h.archive.featured({ before: encodeCursor(hostile.id) })),
        featuredFirst,
        'an id cursor is no featured cursor',
      );
      assert.deepEqual(numbersOf(await h.archive.featured({ before: encodeFeaturedCursor('2025-05-02', hostile.id) })), [
        plain.registrationNumber,
      ]);
    });
  });

  describe(`archive page weight (${engine})`, () => {
    let h: Harness;
    before(async () => {
      h = await harness(engine);
      const statement = '我们一家三口今天正式声明退出中共及其相关组织，从此不再受其约束。'.repeat(160).slice(0, 5000);
      await h.publish(
        Array.from({ length: 21 }, (_, i) => ({
          names: ['自由之声', '光明在前', '天佑中华'],
          headcount: 3,
          orgs: ['party', 'league', 'pioneers'],
          title: `全家三退声明 第${i + 1}份`,
          region: '广东广州',
          statement,
        })),
      );
    });
    after(() => h.close());

    for (const locale of LOCALES) {
      test(`${locale}: twenty declarations of 5,000 characters make a page under 30 KB`, async (t) => {
        const html = await h.html(`/${locale}/declarations`);
        assert.equal(numbersIn(html).length, 20);
        const bytes = Buffer.byteLength(html);
        t.diagnostic(`${bytes} bytes`);
        assert.ok(bytes < 30 * 1024, `${bytes} bytes`);
      });
    }
  });
}
