import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { seed } from '../http/statistics/kit.ts';

/** Charts on a phone (issue 26): drawn at their size and scrolled sideways, so no label is under 11 px. */
describe('statistics charts in Chromium on phones', () => {
  let ctx: TestContext;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser | null;

  before(async () => {
    ctx = await createTestContext();
    const today = new Date().toISOString().slice(0, 10);
    await seed(ctx, [
      { day: today, declarations: 3, people: 9, party: 9, league: 2, pioneers: 1, region: { 辽宁: 9 }, channel: { web: 9 } },
    ]);
    server = await ctx.listen();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server.close();
    await ctx.close();
  });

  for (const width of [360, 390]) {
    test(`at ${width} px every chart label is at least 11 px and only the chart scrolls`, async (t) => {
      if (!browser) return t.skip('Chromium is not installed');
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 640 } });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/en/statistics`);
        const charts = page.locator('.chart svg');
        assert.ok((await charts.count()) >= 2);
        // The smallest text drawn, in CSS pixels: its font size times the chart's scale on screen.
        const smallest = await page.evaluate<number>(
          `Math.min(...[...document.querySelectorAll('.chart svg')].map((svg) => svg.getScreenCTM().a * Math.min(...[...svg.querySelectorAll('text')].map((text) => parseFloat(getComputedStyle(text).fontSize)))))`,
        );
        assert.ok(smallest >= 11, `the smallest label is ${smallest.toFixed(1)} px`);
        assert.equal(
          await page.evaluate<number>('document.documentElement.scrollWidth'),
          width,
          'the page itself does not scroll sideways',
        );
        // Charts over time open at their right end, the latest periods, with no script: scrolled to the start of a right-to-left box.
        const latest = await page.evaluate<{ scrolls: boolean; fromEnd: number }[]>(
          `[...document.querySelectorAll('.chart.latest')].map((box) => ({ scrolls: box.scrollWidth > box.clientWidth, fromEnd: Math.abs(box.scrollLeft) }))`,
        );
        assert.ok(latest.length >= 2, 'the time chart and the all-time chart');
        for (const chart of latest) assert.ok(chart.scrolls && chart.fromEnd < 1, JSON.stringify(chart));
      } finally {
        await context.close();
      }
    });
  }
});
