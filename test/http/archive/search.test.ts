import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { archiveRepository, reindexAll } from '../../../src/repositories/archive-repository.ts';
import type { Executor } from '../../../src/repositories/executor.ts';
import { createArchiveService, encodeCursor } from '../../../src/services/archive-service.ts';
import { testEngines } from '../../helpers/databases.ts';
import { type Published, type Harness, harness, numbersOf, newestFirst, numbersIn, olderLink } from './harness.ts';

for (const engine of testEngines()) {
  describe(`archive search (${engine})`, () => {
    let h: Harness;
    let zhangSan: Published[];
    let zhangSanFeng: Published;
    let liSi: Published;
    let dalian: Published;
    let shenyang: Published;
    let beijing: Published;
    before(async () => {
      h = await harness(engine);
      const list = await h.publish([
        { names: '張三', title: '我宣布退出中共', region: '辽宁大连' },
        { names: '张三丰', title: '声明退出共青团', region: '遼寧瀋陽' },
        { names: ['李四', '王五'], headcount: 3, title: '三退声明', region: '北京' },
        { names: '张·三', title: '退出少先队', region: '海外' },
        { names: 'Li Wei', title: '北京人在京市场', region: '上海' },
      ]);
      zhangSan = [list[0]!, list[3]!];
      zhangSanFeng = list[1]!;
      liSi = list[2]!;
      dalian = list[0]!;
      shenyang = list[1]!;
      beijing = list[4]!;
    });
    after(() => h.close());

    const search = async (q: string, field: 'alias' | 'title' | 'region', mode?: 'exact' | 'prefix') => {
      const outcome = await h.archive.search({ q, field, mode });
      assert.ok(outcome.ok, `${q}: ${JSON.stringify(outcome)}`);
      return numbersOf(outcome.value);
    };

    test('alias, exact: 張三, 张三 and 张·三 are the same name, newest first', async () => {
      const expected = newestFirst(zhangSan);
      assert.deepEqual(await search('张三', 'alias', 'exact'), expected);
      assert.deepEqual(await search('張三', 'alias', 'exact'), expected);
      assert.deepEqual(await search(' 張 三 ', 'alias'), expected, 'exact by default');
      assert.deepEqual(await search('李四', 'alias', 'exact'), [liSi.registrationNumber]);
      assert.deepEqual(await search('王五', 'alias', 'exact'), [], 'only the first name is a key');
      assert.deepEqual(await search('LI WEI', 'alias', 'exact'), [beijing.registrationNumber]);
    });

    test('alias, prefix: keys in order, newest first within a key, paged without repeats', async () => {
      const expected = [...newestFirst(zhangSan), zhangSanFeng.registrationNumber];
      assert.deepEqual(await search('張', 'alias', 'prefix'), expected);
      assert.deepEqual(await search('张三', 'alias', 'prefix'), expected);
      assert.deepEqual(await search('张三丰', 'alias', 'prefix'), [zhangSanFeng.registrationNumber]);
      const seen: string[] = [];
      let outcome = await h.archive.search({ q: '張', field: 'alias', mode: 'prefix', limit: 1 });
      for (;;) {
        assert.ok(outcome.ok);
        seen.push(...numbersOf(outcome.value));
        if (!outcome.value.next) break;
        outcome = await h.archive.search({ q: '張', field: 'alias', mode: 'prefix', limit: 1, before: outcome.value.next });
      }
      assert.deepEqual(seen, expected);
      // A cursor from another search is no cursor: the first page.
      const foreign = encodeCursor(liSi.id);
      const restart = await h.archive.search({ q: '张', field: 'alias', mode: 'prefix', before: foreign });
      assert.ok(restart.ok);
      assert.deepEqual(numbersOf(restart.value), expected);
    });

    test('title and region by bigrams, traditional input finding simplified text and back', async () => {
      assert.deepEqual(await search('退出', 'title'), newestFirst([dalian, shenyang, zhangSan[1]!]));
      assert.deepEqual(await search('宣佈退出', 'title'), [dalian.registrationNumber], 'traditional 佈 finds simplified 布');
      assert.deepEqual(await search('聲明', 'title'), newestFirst([shenyang, liSi]));
      assert.deepEqual(await search('遼寧', 'region'), newestFirst([dalian, shenyang]));
      assert.deepEqual(await search('沈阳', 'region'), [shenyang.registrationNumber], 'simplified finds traditional 瀋陽');
      assert.deepEqual(await search('北京', 'region'), [liSi.registrationNumber], 'a region search does not read titles');
      assert.deepEqual(await search('北京', 'title'), [beijing.registrationNumber]);
      assert.deepEqual(await search('北京市', 'title'), [], 'both bigrams are there, the words are not');
      assert.deepEqual(await search('退出、中共', 'title'), [dalian.registrationNumber], 'punctuation is ignored');
      assert.deepEqual(await search('大连市', 'region'), []);
    });

    test('a query too short, too long or empty is refused, not searched', async () => {
      assert.deepEqual(await h.archive.search({ q: '退', field: 'title' }), { ok: false, problem: 'tooShort', limit: 2 });
      assert.deepEqual(await h.archive.search({ q: '、。', field: 'region' }), { ok: false, problem: 'empty' });
      assert.deepEqual(await h.archive.search({ q: '退'.repeat(51), field: 'region' }), { ok: false, problem: 'tooLong', limit: 50 });
      assert.deepEqual(await h.archive.search({ q: '   ', field: 'alias' }), { ok: false, problem: 'empty' });
      const refused = await h.app.request('/zh-hans/search?q=%E9%80%80&field=title');
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /id="search-problem">按标题或地区搜索，请至少输入 2 个字。/);
      const api = await h.json('/api/v1/declarations?q=%E9%80%80&field=title');
      assert.equal(api.status, 422);
      assert.equal(api.body.error.fields.q.code, 'text.invalid');
    });

    test('the search page is a GET form that works without JavaScript', async () => {
      const empty = await h.html('/zh-hant/search');
      assert.match(empty, /<form method="get" action="\/zh-hant\/search" role="search">/);
      assert.match(empty, /<input id="q" name="q" value=""/);
      assert.match(empty, /<input type="radio" name="field" value="alias" checked=""/);
      assert.doesNotMatch(empty, /id="results"/, 'an empty box is the form alone');
      assert.doesNotMatch(empty, /<script/i);

      const found = await h.html(`/zh-hant/search?q=${encodeURIComponent('张三')}&field=alias&mode=prefix`);
      assert.match(found, /<input type="radio" name="mode" value="prefix" checked=""/);
      assert.match(found, /「张三」的搜尋結果/);
      assert.deepEqual(numbersIn(found), [...newestFirst(zhangSan), zhangSanFeng.registrationNumber]);
      assert.match(found, /張·三 · 退黨 · 海外/, 'names in the reader’s script');
      assert.match(found, /我宣佈退出中共/);

      const none = await h.html(`/en/search?q=${encodeURIComponent('赵六')}&field=alias`);
      assert.match(none, /No matching declarations\./);
      // Unknown choices fall back to the defaults rather than failing.
      const odd = await h.html(`/en/search?q=${encodeURIComponent('張三')}&field=everything&mode=fuzzy`);
      assert.deepEqual(numbersIn(odd), newestFirst(zhangSan));
    });

    test('search pages follow their cursor', async () => {
      const many = await h.publish(Array.from({ length: 23 }, () => ({ names: '赵六', title: '赵家声明退出' })));
      const first = await h.html(`/zh-hans/search?q=${encodeURIComponent('趙六')}`);
      assert.deepEqual(numbersIn(first), newestFirst(many).slice(0, 20));
      const older = olderLink(first);
      assert.ok(older);
      assert.match(older, /^\/zh-hans\/search\?q=%E8%B6%99%E5%85%AD&field=alias&mode=exact&cursor=/);
      assert.deepEqual(numbersIn(await h.html(older)), newestFirst(many).slice(20));

      const titles = await h.json(`/api/v1/declarations?q=${encodeURIComponent('趙家')}&field=title`);
      assert.equal(titles.body.items.length, 20);
      const rest = await h.json(`/api/v1/declarations?q=${encodeURIComponent('趙家')}&field=title&cursor=${titles.body.next}`);
      assert.deepEqual(
        [...titles.body.items, ...rest.body.items].map((item: { registrationNumber: string }) => item.registrationNumber),
        newestFirst(many),
      );
      assert.equal(rest.body.next, null);
    });

    test('a search page reads a bounded window of postings and continues below it', async () => {
      const [m1, , , m2, m3] = await h.publish([
        { names: '窗口甲', title: '窗口测试之一' },
        { names: '窗口乙', title: '窗口测，口测试' },
        { names: '窗口丙', title: '窗口测与口测试' },
        { names: '窗口丁', title: '窗口测试之二' },
        { names: '窗口戊', title: '窗口测试之三' },
      ]);
      // The same service with a window of two postings instead of GRAM_WINDOW.
      const windowOfTwo = {
        ...archiveRepository,
        async gramWindowFloor(db: Executor, gram: string, before: number | undefined) {
          let query = db
            .selectFrom('search_grams')
            .select('declaration_id')
            .where('gram', '=', gram)
            .orderBy('declaration_id', 'desc')
            .limit(2);
          if (before !== undefined) query = query.where('declaration_id', '<', before);
          const rows = await query.execute();
          return rows.length < 2 ? null : rows[1]!.declaration_id;
        },
      };
      const small = createArchiveService({ db: h.ctx.services.database.db, archive: windowOfTwo, timeZone: 'UTC' });
      const pages: string[][] = [];
      let outcome = await small.search({ q: '窗口測試', field: 'title' });
      for (;;) {
        assert.ok(outcome.ok);
        pages.push(numbersOf(outcome.value));
        if (!outcome.value.next) break;
        outcome = await small.search({ q: '窗口測試', field: 'title', before: outcome.value.next });
      }
      // Every title holds the bigrams 窗口, 口测 and 测试; only three hold 窗口测试.
      assert.deepEqual(pages, [[m3!.registrationNumber, m2!.registrationNumber], [], [m1!.registrationNumber]]);
    });

    test('retracted declarations leave the lists and the search', async () => {
      const [gone] = await h.publish([{ names: '撤回者', title: '将要撤回的声明', region: '湖南长沙' }]);
      assert.deepEqual(await search('撤回者', 'alias'), [gone!.registrationNumber]);
      assert.deepEqual(await search('撤回', 'title'), [gone!.registrationNumber]);
      await h.retract(gone!);
      assert.deepEqual(await search('撤回者', 'alias'), []);
      assert.deepEqual(await search('撤回', 'title'), []);
      assert.deepEqual(await search('长沙', 'region'), []);
      assert.ok(!numbersOf(await h.archive.latest()).includes(gone!.registrationNumber));
      const grams = await h.ctx.services.database.db
        .selectFrom('search_grams')
        .select('gram')
        .where('declaration_id', '=', gone!.id)
        .execute();
      assert.deepEqual(grams, [], 'its grams are gone');
    });

    test('a status check backs the index: a retraction that forgot to unindex still hides it', async () => {
      const [stale] = await h.publish([{ names: '遗漏者', title: '忘记移除的索引' }]);
      const result = await h.ctx.services.declarations.retract(stale!.registrationNumber, stale!.queryPassword);
      assert.ok(result.ok);
      assert.deepEqual(await search('忘记', 'title'), []);
    });

    test('reindexAll fills the index for declarations published before it existed', async () => {
      const [unindexed] = await h.publish([{ names: '旧声明', title: '早年发表的声明', region: '吉林' }], { index: false });
      assert.deepEqual(await search('早年', 'title'), []);
      const indexed = await reindexAll(h.ctx.services.database.db, { batch: 7 });
      assert.ok(indexed >= 1);
      assert.deepEqual(await search('早年', 'title'), [unindexed!.registrationNumber]);
      assert.deepEqual(await search('吉林', 'region'), [unindexed!.registrationNumber]);
      // Idempotent.
      assert.equal(await reindexAll(h.ctx.services.database.db), indexed);
    });
  });
}
