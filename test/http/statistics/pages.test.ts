import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppEnv } from '../../../src/http/env.ts';
import { statisticsMessages } from '../../../src/http/public/statistics/messages.ts';
import { addDays, countingDay } from '../../../src/domain/counter/counting-day.ts';
import { daysInRange } from '../../../src/domain/counter/day-range.ts';
import { REGIONS } from '../../../src/domain/declaration/regions.ts';
import { LOCALES, type Locale } from '../../../src/i18n/index.ts';
import { testEngines } from '../../helpers/databases.ts';
import { submitDeclaration } from '../../helpers/requests.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../../src/domain/staff/permissions.ts';

import { MAX_PAGE_BYTES, RECONCILE_AT, statsApp, seed, svgs, section, tableRows, main } from './kit.ts';

for (const engine of testEngines()) {
  describe(`statistics (${engine})`, () => {
    let ctx: TestContext;
    let app: Hono<AppEnv>;
    let today: string;
    before(async () => {
      ctx = await createTestContext(engine);
      app = statsApp(ctx);
      today = countingDay(new Date(), ctx.config.timeZone);
      await seed(ctx, [
        {
          day: '2024-03-02',
          declarations: 2,
          people: 5,
          party: 5,
          league: 0,
          pioneers: 3,
          region: { 辽宁: 3, none: 2 },
          channel: { web: 3, phone: 2 },
          center: { none: 3, '90017': 2 },
        },
        {
          day: '2024-03-04',
          declarations: 1,
          people: 7,
          party: 0,
          league: 7,
          pioneers: 7,
          region: { 广东: 7 },
          channel: { hotline: 7 },
          center: { '90017': 7 },
        },
        {
          day: '2024-07-15',
          declarations: 1,
          people: 11,
          party: 11,
          league: 11,
          pioneers: 0,
          region: { other: 11 },
          channel: { letter: 11 },
          center: { '90018': 11 },
        },
        {
          // Twelve regions on one day: the chart keeps the top ten.
          day: '2023-06-01',
          declarations: 12,
          people: 78,
          party: 78,
          league: 0,
          pioneers: 0,
          region: Object.fromEntries(REGIONS.slice(0, 12).map((region, index) => [region.zh, 12 - index])),
          channel: { web: 78 },
        },
      ]);
    });
    after(() => ctx.close());

    test('the default page is the last 30 days, with a published declaration counted today', async () => {
      const receipt = await submitDeclaration(ctx, {
        names: ['明德', '安宁'],
        headcount: 4,
        orgs: ['party', 'league'],
        region: '辽宁大连',
      });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      ctx.clock.advance(1100); // the counter snapshot may be a second old

      const response = await app.request('/en/statistics');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=60');
      const html = await response.text();
      assert.match(html, new RegExp(`value="${addDays(today, -29)}"`));
      assert.match(html, new RegExp(`value="${today}"`));
      assert.match(html, /4 people in 1 declaration\./);
      assert.match(html, /Beijing time \(Asia\/Shanghai\)/);
      const time = tableRows(html, 'time');
      assert.equal(time.length, 30);
      assert.deepEqual(time.at(-1), [today, '4']);
      assert.deepEqual(tableRows(html, 'organizations'), [
        ['Chinese Communist Party', '4'],
        ['Communist Youth League', '4'],
        ['Young Pioneers', '0'],
      ]);
      assert.deepEqual(tableRows(html, 'regions'), [['Liaoning', '4']]);
      assert.deepEqual(tableRows(html, 'channels'), [['API', '4']]);
      assert.match(html, new RegExp(`href="/api/v1/stats/daily\\?from=${addDays(today, -29)}&amp;to=${today}&amp;format=csv"`));
    });

    test('a single day, and an empty range', async () => {
      const one = await (await app.request('/en/statistics?from=2024-03-04&to=2024-03-04')).text();
      assert.equal(svgs(one).length, 5, 'four for the range, one for all time');
      assert.deepEqual(tableRows(one, 'time'), [['2024-03-04', '7']]);
      assert.match(one, /People per day/);
      assert.match(one, /2024-03-04: 7 people in 1 declaration\./);

      for (const locale of LOCALES) {
        const response = await app.request(`/${locale}/statistics?from=2024-05-01&to=2024-05-31`);
        assert.equal(response.status, 200);
        const html = await response.text();
        // No empty chart for the range; the all-time chart still shows the whole history.
        assert.deepEqual(
          svgs(html).map((svg) => /aria-labelledby="([a-z-]+)-title/.exec(svg)?.[1]),
          ['chart-all-time'],
        );
        assert.ok(html.includes(statisticsMessages(locale).noData('2024-05-01', '2024-05-31')));
      }
    });

    test('up to 92 days the chart is daily; a year is monthly, with the months summed', async () => {
      const daily = await (await app.request('/en/statistics?from=2024-03-01&to=2024-05-31')).text();
      assert.match(daily, /People per day/);
      const days = tableRows(daily, 'time');
      assert.equal(days.length, 92);
      assert.deepEqual(days.slice(0, 5), [
        ['2024-03-01', '0'],
        ['2024-03-02', '5'],
        ['2024-03-03', '0'],
        ['2024-03-04', '7'],
        ['2024-03-05', '0'],
      ]);

      const yearly = await (await app.request('/en/statistics?from=2024-01-01&to=2024-12-31')).text();
      assert.match(yearly, /People per month/);
      const months = tableRows(yearly, 'time');
      assert.equal(months.length, 12);
      assert.deepEqual(months[2], ['2024-03', '12']);
      assert.deepEqual(months[6], ['2024-07', '11']);
      assert.equal(months.filter(([, people]) => people !== '0').length, 2);

      const partial = await (await app.request('/en/statistics?from=2024-02-15&to=2024-07-20')).text();
      const partialMonths = tableRows(partial, 'time');
      assert.deepEqual(partialMonths[0], ['2024-02-15 to 2024-02-29', '0']);
      assert.deepEqual(partialMonths.at(-1), ['2024-07-01 to 2024-07-20', '11']);
      assert.match(partial, /The first and last bars may cover only part of their period/);
    });

    test('organisations, regions and channels add up over the range, in each language', async () => {
      const range = 'from=2024-03-01&to=2024-07-31';
      const en = await (await app.request(`/en/statistics?${range}`)).text();
      assert.match(en, /23 people in 4 declarations\./);
      assert.deepEqual(tableRows(en, 'organizations'), [
        ['Chinese Communist Party', '16'],
        ['Communist Youth League', '18'],
        ['Young Pioneers', '10'],
      ]);
      assert.deepEqual(tableRows(en, 'regions'), [
        ['Other (not recognised)', '11'],
        ['Guangdong', '7'],
        ['Liaoning', '3'],
        ['Not given', '2'],
      ]);
      assert.deepEqual(tableRows(en, 'channels'), [
        ['Letter', '11'],
        ['Hotline', '7'],
        ['This website', '3'],
        ['Phone', '2'],
      ]);
      const hant = await (await app.request(`/zh-hant/statistics?${range}`)).text();
      assert.deepEqual(tableRows(hant, 'regions'), [
        ['其他（無法歸類）', '11'],
        ['廣東', '7'],
        ['遼寧', '3'],
        ['未填寫', '2'],
      ]);
      assert.deepEqual(
        tableRows(hant, 'organizations').map(([, people]) => people),
        ['16', '18', '10'],
      );
      const hans = await (await app.request(`/zh-hans/statistics?${range}`)).text();
      assert.deepEqual(tableRows(hans, 'regions')[1], ['广东', '7']);
      assert.deepEqual(tableRows(hans, 'channels')[0], ['信件', '11']);
      // The bars carry the same figures as the tables.
      assert.match(section(en, 'regions'), />11<\/text>/);
    });

    test('regions: the top ten, and the rest summed', async () => {
      const html = await (await app.request('/en/statistics?from=2023-06-01&to=2023-06-01')).text();
      const regions = tableRows(html, 'regions');
      assert.equal(regions.length, 10);
      assert.deepEqual(regions[0], ['Beijing', '12']);
      assert.deepEqual(regions[9], ['Jiangsu', '3']);
      assert.match(section(html, 'regions'), /The other 2 regions: 3 people\./);
    });

    test('no service centre appears anywhere on the public page', async () => {
      for (const locale of LOCALES) {
        const html = await (await app.request(`/${locale}/statistics?from=2024-03-01&to=2024-07-31`)).text();
        const body = main(html);
        assert.doesNotMatch(body, /9001[78]/);
        assert.doesNotMatch(body, /cent(er|re)|中心/i);
      }
      const csv = await (await app.request('/api/v1/stats/daily?from=2024-03-01&to=2024-07-31&format=csv')).text();
      assert.doesNotMatch(csv, /9001[78]|center/);
    });

    test('bad dates answer 422 with the form and a message in the reader’s language, never a 500', async () => {
      const cases: [string, (locale: Locale) => string[]][] = [
        ['from=2024-02-30', (locale) => [statisticsMessages(locale).errors.invalid]],
        ['from=yesterday&to=2024-13-01', (locale) => [statisticsMessages(locale).errors.invalid]],
        ['from=2024-03-05&to=2024-03-01', (locale) => [statisticsMessages(locale).errors.reversed('2024-03-05')]],
        ['from=2000-01-01&to=2024-03-01', (locale) => [statisticsMessages(locale).errors.tooEarly('2004-12-01')]],
        ['to=0001-01-05', (locale) => [statisticsMessages(locale).errors.tooEarly('2004-12-01')]],
        ['from=2024-03-01&to=9999-12-31', (locale) => [statisticsMessages(locale).errors.tooLate(today)]],
      ];
      for (const locale of LOCALES) {
        for (const [query, messages] of cases) {
          const response = await app.request(`/${locale}/statistics?${query}`);
          assert.equal(response.status, 422, `${locale} ${query}`);
          assert.equal(response.headers.get('cache-control'), 'no-store');
          const html = await response.text();
          for (const message of messages(locale)) assert.ok(html.includes(message), `${locale} ${query}: ${message}`);
          assert.match(html, /<form method="get" action="\/[a-z-]+\/statistics">/);
          assert.match(html, /aria-invalid="true"/);
          assert.equal(svgs(html).length, 0);
        }
      }
      const english = await (await app.request('/en/statistics?from=2024-02-30')).text();
      assert.match(english, /Write the date as YYYY-MM-DD/);
      const simplified = await (await app.request('/zh-hans/statistics?from=2024-03-05&to=2024-03-01')).text();
      assert.match(simplified, /结束日期不能早于开始日期/);
      const traditional = await (await app.request('/zh-hant/statistics?from=2000-01-01&to=2024-03-01')).text();
      assert.match(traditional, /統計從 2004-12-01 開始，日期不能早於這一天。/);
      assert.match(traditional, /可以查看從 2004-12-01 到今天的任何一段/, 'the hint names the range');

      const hostile = await app.request(`/en/statistics?from=${encodeURIComponent('"><script>x</script>')}`);
      assert.equal(hostile.status, 422);
      const hostileHtml = await hostile.text();
      assert.doesNotMatch(hostileHtml, /<script/);
      assert.match(hostileHtml, /value="&quot;&gt;&lt;script&gt;x&lt;\/script&gt;"/);
    });

    test('the method page names the zone and leads to the transparency log', async () => {
      for (const locale of LOCALES) {
        const response = await app.request(`/${locale}/statistics/method`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('cache-control'), 'public, max-age=60');
        const html = await response.text();
        const m = statisticsMessages(locale).method;
        assert.match(html, /Asia\/Shanghai/);
        // The zone reads as part of the sentence, never as a parenthesis inside another.
        assert.doesNotMatch(html, /[（(][^（）()<]*[（(]/);
        assert.ok(html.includes(RECONCILE_AT[locale]), locale);
        assert.ok(html.includes(m.verify.transparency));
        assert.ok(html.includes(`href="/${locale}/transparency"`));
        assert.ok(html.includes(m.counted.heading) && html.includes(m.reconcile.heading));
        assert.match(html, /href="\/api\/v1\/stats\/daily\?format=csv"/);
        assert.match(html, /href="\/api\/v1\/counter"/);
        assert.ok(Buffer.byteLength(html) < MAX_PAGE_BYTES);
      }
    });

    test('open data: every day of the range as JSON, zeros included', async () => {
      const response = await app.request('/api/v1/stats/daily?from=2024-03-01&to=2024-03-05');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
      assert.match(response.headers.get('vary') ?? '', /Accept/);
      assert.deepEqual(await response.json(), {
        timeZone: 'Asia/Shanghai',
        from: '2024-03-01',
        to: '2024-03-05',
        days: [
          { day: '2024-03-01', declarations: 0, people: 0, party: 0, league: 0, pioneers: 0, inRegistry: 0, carriedOver: 0 },
          { day: '2024-03-02', declarations: 2, people: 5, party: 5, league: 0, pioneers: 3, inRegistry: 5, carriedOver: 0 },
          { day: '2024-03-03', declarations: 0, people: 0, party: 0, league: 0, pioneers: 0, inRegistry: 0, carriedOver: 0 },
          { day: '2024-03-04', declarations: 1, people: 7, party: 0, league: 7, pioneers: 7, inRegistry: 7, carriedOver: 0 },
          { day: '2024-03-05', declarations: 0, people: 0, party: 0, league: 0, pioneers: 0, inRegistry: 0, carriedOver: 0 },
        ],
      });

      const byDefault = (await (await app.request('/api/v1/stats/daily')).json()) as { from: string; to: string; days: unknown[] };
      assert.equal(byDefault.to, today);
      assert.equal(byDefault.from, addDays(today, -29));
      assert.equal(byDefault.days.length, 30);
    });

    test('open data: the same as CSV, by format=csv or Accept: text/csv', async () => {
      const expected = [
        'day,declarations,people,party,league,pioneers,inRegistry,carriedOver',
        '2024-03-01,0,0,0,0,0,0,0',
        '2024-03-02,2,5,5,0,3,5,0',
        '2024-03-03,0,0,0,0,0,0,0',
        '2024-03-04,1,7,0,7,7,7,0',
        '',
      ].join('\n');
      const byFormat = await app.request('/api/v1/stats/daily?from=2024-03-01&to=2024-03-04&format=csv');
      assert.equal(byFormat.status, 200);
      assert.match(byFormat.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
      assert.equal(byFormat.headers.get('cache-control'), 'public, max-age=300');
      assert.equal(await byFormat.text(), expected);
      const byAccept = await app.request('/api/v1/stats/daily?from=2024-03-01&to=2024-03-04', { headers: { accept: 'text/csv' } });
      assert.match(byAccept.headers.get('content-type') ?? '', /^text\/csv/);
      assert.equal(await byAccept.text(), expected);
      const json = await app.request('/api/v1/stats/daily?from=2024-03-01&to=2024-03-04&format=json', { headers: { accept: 'text/csv' } });
      assert.match(json.headers.get('content-type') ?? '', /^application\/json/);
    });

    test('open data: errors in the one error shape, in the caller’s language', async () => {
      const bad = await app.request('/api/v1/stats/daily?from=2024-02-30&to=2024-03-01', { headers: { 'accept-language': 'zh-TW' } });
      assert.equal(bad.status, 400);
      assert.equal(bad.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await bad.json(), {
        error: {
          code: 'request.dayInvalid',
          message: '日期格式應為 YYYY-MM-DD。',
          fields: { from: { code: 'date.invalid', message: '請按 年-月-日 填寫日期，例如 2025-06-14。' } },
        },
      });

      const reversed = await app.request('/api/v1/stats/daily?from=2024-03-05&to=2024-03-01', { headers: { 'accept-language': 'en' } });
      assert.equal(reversed.status, 422);
      assert.deepEqual(await reversed.json(), {
        error: {
          code: 'request.invalid',
          message: 'Some fields need correcting; see each field.',
          fields: { to: { code: 'date.tooEarly', message: 'The date cannot be before 2024-03-05.' } },
        },
      });

      const tooEarly = await app.request('/api/v1/stats/daily?from=2004-11-30&to=2024-03-01', { headers: { 'accept-language': 'zh-CN' } });
      assert.equal(tooEarly.status, 422);
      assert.deepEqual(
        (await tooEarly.json()).error.fields,
        { from: { code: 'date.tooEarly', message: '日期不能早于 2004-12-01。' } },
        'it names the first day',
      );
      const tooLate = await app.request('/api/v1/stats/daily?from=2024-03-01&to=9999-12-31', { headers: { 'accept-language': 'en' } });
      assert.equal(tooLate.status, 422);
      assert.deepEqual((await tooLate.json()).error.fields, {
        to: { code: 'date.tooLate', message: `The date cannot be after ${today}.` },
      });

      // Everything since the movement began, in one answer.
      const everything = await app.request(`/api/v1/stats/daily?from=2004-12-01&to=${today}`);
      assert.equal(everything.status, 200);
      const all = (await everything.json()) as { from: string; to: string; days: { day: string; people: number }[] };
      assert.equal(all.days.length, daysInRange('2004-12-01', today));
      assert.equal(all.days.find((row) => row.day === '2024-03-04')?.people, 7);
      const csv = await (await app.request(`/api/v1/stats/daily?from=2004-12-01&to=${today}&format=csv`)).text();
      assert.equal(csv.trimEnd().split('\n').length, daysInRange('2004-12-01', today) + 1);

      const format = await app.request('/api/v1/stats/daily?format=xml');
      assert.equal(format.status, 400);
      assert.equal(((await format.json()) as { error: { code: string } }).error.code, 'request.invalid');
    });
  });
}
