import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppEnv } from '../../../src/http/env.ts';
import { addDays, countingDay } from '../../../src/domain/counter/counting-day.ts';
import { addYears, earliestFrom } from '../../../src/domain/counter/day-range.ts';
import { REGIONS } from '../../../src/domain/declaration/regions.ts';
import { LOCALES } from '../../../src/i18n/index.ts';
import { testEngines } from '../../helpers/databases.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

import { MAX_PAGE_BYTES, MAX_CHART_BYTES, statsApp, svgs, tableRows, main, assertInertSvg } from './kit.ts';

for (const engine of testEngines()) {
  describe(`statistics page size (${engine})`, () => {
    let ctx: TestContext;
    let app: Hono<AppEnv>;
    let today: string;
    before(async () => {
      ctx = await createTestContext(engine);
      app = statsApp(ctx);
      today = countingDay(new Date(), ctx.config.timeZone);
      // Two years of large daily figures, and every region and channel at once.
      const db = ctx.services.database.db;
      const rows = Array.from({ length: 800 }, (_, index) => {
        const people = 1_000_000 + ((index * 7919) % 9_000_000);
        return {
          day: addDays(today, -index),
          declarations: Math.floor(people / 3),
          people,
          party: people,
          league: people >> 1,
          pioneers: people >> 2,
        };
      });
      for (let index = 0; index < rows.length; index += 200)
        await db
          .insertInto('daily_totals')
          .values(rows.slice(index, index + 200))
          .execute();
      const keys = [...REGIONS.map((region) => region.zh), 'other', 'none'];
      await db
        .insertInto('daily_breakdown')
        .values([
          ...keys.map((key, index) => ({
            day: today,
            dimension: 'region' as const,
            key,
            declarations: 1,
            people: 90_000_000 - index * 1_000_000,
          })),
          ...['web', 'api', 'phone', 'hotline', 'in_person', 'fax', 'email', 'letter'].map((key, index) => ({
            day: today,
            dimension: 'channel' as const,
            key,
            declarations: 1,
            people: 90_000_000 - index * 5_000_000,
          })),
          { day: today, dimension: 'center' as const, key: '4321', declarations: 1, people: 1 },
        ])
        .execute();
    });
    after(() => ctx.close());

    test('the default, one-year, twenty-year and whole-range pages stay under 30 KB, with inert charts', async (t) => {
      const pages = {
        default: '/statistics',
        oneYear: `/statistics?from=${earliestFrom(today, 1)}&to=${today}`,
        fiveYears: `/statistics?from=${addDays(addYears(today, -5), 1)}&to=${today}`,
        twentyYears: `/statistics?from=${earliestFrom(today, 20)}&to=${today}`,
        everything: `/statistics?from=2004-12-01&to=${today}`,
      };
      for (const locale of LOCALES) {
        for (const [name, path] of Object.entries(pages)) {
          const response = await app.request(`/${locale}${path}`);
          assert.equal(response.status, 200);
          const html = await response.text();
          const bytes = Buffer.byteLength(html);
          t.diagnostic(`${locale} ${name}: ${bytes} bytes`);
          assert.ok(bytes < MAX_PAGE_BYTES, `${locale} ${name}: ${bytes} bytes`);
          const charts = svgs(html);
          assert.equal(charts.length, 5, 'four for the range, one for all time');
          for (const svg of charts) {
            assert.ok(Buffer.byteLength(svg) < MAX_CHART_BYTES, `${locale} ${name}: chart of ${Buffer.byteLength(svg)} bytes`);
            assertInertSvg(svg);
            assert.match(svg, /^<svg role="img" aria-labelledby="[a-z-]+-title [a-z-]+-desc"/);
          }
          assert.doesNotMatch(html, /<script|<[^>]*\son[a-z]+\s*=/i);
          assert.doesNotMatch(main(html), /4321/);
          assert.equal(tableRows(html, 'regions').length, 10);
        }
      }
    });
  });
}
