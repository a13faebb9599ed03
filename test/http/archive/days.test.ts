import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../helpers/databases.ts';
import { type Harness, harness, numbersOf, newestFirst, numbersIn } from './harness.ts';

for (const engine of testEngines()) {
  describe(`archive days and selection (${engine})`, () => {
    let h: Harness;
    before(async () => {
      h = await harness(engine);
    });
    after(() => h.close());

    test('a day lists what counts on it, newest first, with the days around it', async () => {
      const list = await h.publish([{ names: '初一' }, { names: '初二' }, { names: '初三' }, { names: '初四' }]);
      for (const p of list.slice(0, 3)) await h.setDay(p, '2025-03-01');
      await h.setDay(list[3]!, '2025-03-02');
      const html = await h.html('/zh-hans/days/2025-03-01');
      assert.deepEqual(numbersIn(html), newestFirst(list.slice(0, 3)));
      assert.match(html, /2025年3月1日发表的声明/);
      assert.match(html, /href="\/zh-hans\/days\/2025-02-28"/);
      assert.match(html, /href="\/zh-hans\/days\/2025-03-02"/);
      const en = await h.html('/en/days/2025-03-01');
      assert.match(en, /Declarations published on March 1, 2025/);

      const paged = await h.archive.byDay('2025-03-01', { limit: 2 });
      assert.ok(paged.ok);
      const rest = await h.archive.byDay('2025-03-01', { before: paged.value.next!, limit: 2 });
      assert.ok(rest.ok);
      assert.deepEqual([...numbersOf(paged.value), ...numbersOf(rest.value)], newestFirst(list.slice(0, 3)));
      assert.equal(rest.value.next, null);

      const api = await h.json('/api/v1/declarations?day=2025-03-02');
      assert.equal(api.status, 200);
      assert.deepEqual(
        api.body.items.map((item: { registrationNumber: string }) => item.registrationNumber),
        [list[3]!.registrationNumber],
      );
    });

    test('a day with nothing is an empty page; today has no next day', async () => {
      const html = await h.html('/zh-hant/days/2024-12-25');
      assert.match(html, /這一天沒有發表的聲明。/);
      assert.deepEqual(numbersIn(html), []);
      const today = h.archive.today();
      const todays = await h.html(`/en/days/${today}`);
      assert.doesNotMatch(todays, /Next day/);
      assert.match(todays, /Previous day/);
    });

    test('an invalid day is a localized 404 page, and a 422 in the API, never a 500', async () => {
      for (const day of ['2025-02-30', '2025-13-01', '2025-3-1', 'yesterday', '0000-00-00', '2025-03-01x', '%E5%A4%A9', '99999-01-01']) {
        const response = await h.app.request(`/zh-hant/days/${day}`);
        assert.equal(response.status, 404, day);
        assert.match(await response.text(), /<html lang="zh-Hant">/, day);
        const api = await h.json(`/api/v1/declarations?day=${day}`, { 'accept-language': 'en' });
        assert.equal(api.status, 422, day);
        assert.equal(api.body.error.code, 'request.invalid');
        assert.equal(api.body.error.fields.day.code, 'request.dayInvalid');
        assert.equal(typeof api.body.error.fields.day.message, 'string');
      }
    });

    test('the selection: newest featured day first, newest first within a day, retracted ones gone', async () => {
      const list = await h.publish([{ names: '甲乙' }, { names: '丙丁' }, { names: '戊己' }, { names: '庚辛' }, { names: '壬癸' }]);
      await h.feature(list[0]!, '2025-04-02');
      await h.feature(list[1]!, '2025-04-01');
      await h.feature(list[2]!, '2025-04-02');
      await h.feature(list[3]!, '2025-04-03');
      await h.feature(list[4]!, '2025-04-01');
      const expected = [list[3]!, list[2]!, list[0]!, list[4]!, list[1]!].map((p) => p.registrationNumber);
      const html = await h.html('/zh-hans/featured');
      assert.deepEqual(numbersIn(html), expected);
      assert.match(html, /<h2>2025年4月3日精选<\/h2>/);

      const seen: string[] = [];
      let page = await h.archive.featured({ limit: 2 });
      for (;;) {
        seen.push(...numbersOf(page));
        if (!page.next) break;
        page = await h.archive.featured({ before: page.next, limit: 2 });
      }
      assert.deepEqual(seen, expected);

      const api = await h.json('/api/v1/declarations?featured=1');
      assert.deepEqual(
        api.body.items.map((item: { registrationNumber: string }) => item.registrationNumber),
        expected,
      );

      await h.retract(list[2]!);
      assert.deepEqual(
        numbersIn(await h.html('/en/featured')),
        expected.filter((n) => n !== list[2]!.registrationNumber),
      );
    });
  });
}
