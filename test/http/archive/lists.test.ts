import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOCALES } from '../../../src/i18n/index.ts';
import { decodeCursor, encodeCursor } from '../../../src/services/archive-service.ts';
import { testEngines } from '../../helpers/databases.ts';
import { type Published, type Harness, harness, numbersOf, newestFirst, numbersIn, olderLink } from './harness.ts';

for (const engine of testEngines()) {
  describe(`archive lists (${engine})`, () => {
    let h: Harness;
    let published: Published[];
    before(async () => {
      h = await harness(engine);
      published = await h.publish(
        Array.from({ length: 25 }, (_, i) => ({
          names: `明德${'一二三四五六七八九十'[i % 10]}`,
          title: `我宣布退出中共 第${i + 1}号`,
          region: '广东',
        })),
      );
    });
    after(() => h.close());

    for (const locale of LOCALES) {
      test(`${locale}: the latest, twenty to a page, with an older link carrying the cursor`, async () => {
        const first = await h.html(`/${locale}/declarations`);
        assert.match(
          first,
          new RegExp(`^<!doctype html><html lang="${locale === 'en' ? 'en' : locale === 'zh-hans' ? 'zh-Hans' : 'zh-Hant'}">`),
        );
        const expected = newestFirst(published);
        assert.deepEqual(numbersIn(first), expected.slice(0, 20));
        const older = olderLink(first);
        assert.ok(older, 'an older link');
        assert.match(older, new RegExp(`^/${locale}/declarations\\?cursor=[A-Za-z0-9_-]+$`));
        const second = await h.html(older);
        assert.deepEqual(numbersIn(second), expected.slice(20));
        assert.equal(olderLink(second), undefined, 'no older link on the last page');
        assert.match(second, new RegExp(`href="/${locale}/declarations">`), 'a link back to the newest');
        // The language links keep the reader on the same page.
        for (const other of LOCALES) assert.ok(second.includes(`href="/${other}${older.slice(locale.length + 1)}"`), other);
        // Text in the reader's script, as on the permalink.
        if (locale === 'zh-hant') assert.match(first, /我宣佈退出中共 第25號/);
        if (locale === 'zh-hans') assert.match(first, /我宣布退出中共 第25号/);
        assert.match(first, new RegExp(`href="/${locale}/feeds/latest.atom"`));
        assert.doesNotMatch(first, /<script/i);
      });
    }

    test('pagination is stable while declarations are published between two pages', async () => {
      const page1 = await h.archive.latest({ limit: 7 });
      const added = await h.publish([{ names: '新来' }, { names: '又来' }, { names: '再来' }]);
      const page2 = await h.archive.latest({ before: page1.next!, limit: 7 });
      const page3 = await h.archive.latest({ before: page2.next!, limit: 7 });
      const seen = [...numbersOf(page1), ...numbersOf(page2), ...numbersOf(page3)];
      assert.equal(new Set(seen).size, seen.length, 'nothing repeats');
      assert.deepEqual(seen, newestFirst(published).slice(0, 21), 'nothing is skipped');
      const fresh = await h.archive.latest({ limit: 3 });
      assert.deepEqual(numbersOf(fresh), newestFirst(added), 'the first page shows the new ones');

      // The same through the API.
      const api1 = await h.json('/api/v1/declarations');
      await h.publish([{ names: '后来' }]);
      const api2 = await h.json(`/api/v1/declarations?cursor=${api1.body.next}`);
      const apiSeen = [...api1.body.items, ...api2.body.items].map((item: { registrationNumber: string }) => item.registrationNumber);
      assert.equal(new Set(apiSeen).size, apiSeen.length);
      assert.deepEqual(apiSeen, [...newestFirst(added), ...newestFirst(published)]);
    });

    test('a statement is cut to 300 characters in lists, with a link to the whole', async () => {
      const [long] = await h.publish([{ names: '长文', statement: `${'长'.repeat(299)}尾巴在此之后不显示` }]);
      const html = await h.html('/zh-hans/declarations');
      assert.ok(html.includes(`${'长'.repeat(299)}尾……<a href="/zh-hans/declarations/${long!.registrationNumber}">阅读全文</a>`));
      assert.doesNotMatch(html, /尾巴/);
    });
  });
}

describe('archive cursors', () => {
  test('round-trip and refuse anything but their own spelling', () => {
    for (const id of [1, 9, 10, 2 ** 31 - 1]) assert.equal(decodeCursor(encodeCursor(id)), id);
    assert.equal(decodeCursor(encodeCursor(2 ** 31)), undefined);
    assert.equal(decodeCursor(`${encodeCursor(5)}=`), undefined);
  });
});
