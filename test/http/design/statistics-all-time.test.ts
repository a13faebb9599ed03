import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOCALES } from '../../../src/i18n/index.ts';
import { testEngines } from '../../helpers/databases.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';
import { MAX_PAGE_BYTES, seed } from '../statistics/kit.ts';

const day = (date: string, people: number) => ({ day: date, declarations: 1, people, party: people, league: 0, pioneers: 0 });

/** The statistics page's all-time part (issue 26): a running total by year, and the milestones with their days. */
for (const engine of testEngines()) {
  describe(`statistics, all time (${engine})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(engine);
      await seed(ctx, [day('2023-05-01', 60_000_000), day('2023-09-01', 50_000_000), day('2024-02-01', 95_000_000)]);
    });
    after(() => ctx.close());

    test('the running total at the end of each year, as a chart that scrolls and a table', async () => {
      const html = await (await ctx.app.request('/zh-hans/statistics')).text();
      const part = html.slice(html.indexOf('id="all-time"'));
      assert.match(part, /<h2 id="all-time-heading">历年累计<\/h2>/);
      assert.match(part, /<div class="chart latest" tabindex="0"><svg role="img"/);
      assert.match(part, /<th scope="row">2023<\/th><td>110,000,000<\/td>/);
      assert.match(part, /<th scope="row">2024<\/th><td>205,000,000<\/td>/);
      assert.ok(Buffer.byteLength(html) < MAX_PAGE_BYTES, `${Buffer.byteLength(html)} bytes`);
    });

    test('each milestone with the day it was reached, in every language, in round figures', async () => {
      const expected = {
        'zh-hans': [/2023年9月1日[^<]*<\/time> 达到 1亿/, /2024年2月1日[^<]*<\/time> 达到 2亿/],
        'zh-hant': [/2023年9月1日[^<]*<\/time> 達到 1億/, /2024年2月1日[^<]*<\/time> 達到 2億/],
        en: [/September 1, 2023[^<]*<\/time> Reached 100 million/, /February 1, 2024[^<]*<\/time> Reached 200 million/],
      };
      for (const locale of LOCALES) {
        const html = await (await ctx.app.request(`/${locale}/statistics`)).text();
        const timeline = /<ol class="timeline" id="milestones">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
        for (const pattern of expected[locale]) assert.match(timeline, pattern);
        assert.doesNotMatch(timeline, /1\.00/);
      }
    });

    test('the home page lists the milestones with their days, in round figures', async () => {
      const home = await (await ctx.app.request('/zh-hans/')).text();
      assert.match(home, /2024年2月1日[^<]*达到 2亿/);
      assert.match(home, /2023年9月1日[^<]*达到 1亿/);
      assert.doesNotMatch(home, /\d\.00亿/);
      const en = await (await ctx.app.request('/en/')).text();
      assert.match(en, /100 million reached on September 1, 2023/);
    });
  });
}
