import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import {
  LOCALES,
  SIZES,
  assertAccessible,
  flowRig,
  screenshot,
  transferredBytes,
  type FlowRig,
  assertNoForeignRequests,
} from '../helpers/flows.ts';
import { submitDeclaration } from '../helpers/requests.ts';

/** What a page may weigh on the wire, HTML, CSS and JS together: a cheap phone behind a slow proxy. */
const PAGE_BUDGET = 30 * 1024;

/**
 * Every public page, in each locale: its weight, no request to another origin, axe-core's verdict,
 * and a screenshot at phone and desktop size (test-artifacts/screenshots/pages/). The pages are the
 * same with JavaScript on or off (they have none); axe-core needs it on to run.
 */
describe('every public page in Chromium', () => {
  let rig: FlowRig | null;
  let pages: [string, string][];

  before(async () => {
    rig = await flowRig();
    if (!rig) return;
    const { ctx } = rig;
    const family = await submitDeclaration(ctx, {
      names: ['明德', '安宁'],
      headcount: 3,
      orgs: ['party', 'pioneers'],
      region: '辽宁大连',
      statement: '我们一家三口今天声明退出，愿天下平安。',
    });
    const single = await submitDeclaration(ctx, { names: '志远', orgs: ['league'], region: '湖南' });
    await ctx.services.moderation.approve(SYSTEM_ACTOR, [family.registrationNumber, single.registrationNumber]);
    const today = new Date().toISOString().slice(0, 10);
    await ctx.services.moderation.feature(SYSTEM_ACTOR, family.registrationNumber, today, true);
    ctx.clock.advance(1100);
    pages = [
      ['home', '/'],
      ['declare', '/declare'],
      ['archive', '/declarations'],
      ['permalink', `/declarations/${family.registrationNumber}`],
      ['day', `/days/${today}`],
      ['featured', '/featured'],
      ['search', `/search?q=${encodeURIComponent('明德')}`],
      ['statistics', '/statistics'],
      ['method', '/statistics/method'],
      ['receipt-lookup', '/receipt'],
      ['centers', '/centers'],
      ['resources', '/resources'],
      ['newsletter', '/newsletter'],
      ['support', '/support'],
      ['terms', '/terms'],
      ['privacy', '/privacy'],
      ['about', '/about'],
      ['newsletter-sent', '/newsletter/sent'],
      ['newsletter-confirmed', '/newsletter/confirmed'],
      ['newsletter-unsubscribed', '/newsletter/unsubscribed'],
      ['support-thanks', '/support/thanks'],
      ['link-invalid', '/newsletter/confirm/not-a-token'],
      ['not-found', '/no-such-page'],
    ];
  });
  after(() => rig?.close());
  afterEach(() => assertNoForeignRequests(rig));

  for (const locale of LOCALES) {
    test(`${locale}: under ${PAGE_BUDGET / 1024} KB, same-origin only, no serious axe-core violation`, async (t) => {
      if (!rig) return t.skip('Chromium is not installed');
      const phone = await rig.open({ locale, size: 'phone', javaScript: true });
      for (const [name, path] of pages) {
        const { bytes, requests } = await transferredBytes(phone, `${rig.url}/${locale}${path}`);
        assert.ok(bytes < PAGE_BUDGET, `${path} in ${locale} is ${bytes} bytes over ${requests.length} responses`);
        await screenshot(phone, 'pages', name, locale, 'phone');
        await assertAccessible(phone, `${name} in ${locale}`);
        // The same page laid out again at desktop width: cheaper than loading it a second time.
        await phone.setViewportSize(SIZES.desktop);
        await screenshot(phone, 'pages', name, locale, 'desktop');
        await phone.setViewportSize(SIZES.phone);
      }
    });
  }

  test('on a slow 3G connection the declaration form can be used within 3 s', async (t) => {
    if (!rig) return t.skip('Chromium is not installed');
    const page = await rig.open({ locale: 'zh-hans', size: 'phone' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    // Chrome DevTools' "Slow 3G": 2 s round trip, 400 kbit/s each way.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 2000,
      downloadThroughput: (500 * 1000 * 0.8) / 8,
      uploadThroughput: (500 * 1000 * 0.8) / 8,
    });
    await page.goto(`${rig.url}/zh-hans/declare`, { waitUntil: 'load' });
    // The browser's own clock from the tap to a parsed form and to the last byte of the page, not the
    // test's: a busy CI machine slows the test's round trips to the browser, not the emulated network.
    const timing = (await page.evaluate(
      "(() => { const n = performance.getEntriesByType('navigation')[0]; return { interactive: n.domInteractive, loaded: n.loadEventEnd }; })()",
    )) as { interactive: number; loaded: number };
    assert.ok(timing.interactive < 3000, `the form was parsed after ${timing.interactive.toFixed(0)} ms`);
    assert.ok(timing.loaded < 3000, `the page finished loading after ${timing.loaded.toFixed(0)} ms`);
    assert.ok(timing.interactive > 2000, 'the emulated round trip was in force');
    await page.locator('#names').fill('安宁');
    assert.ok(await page.locator('form button[type=submit]:not([name]):not(.offscreen)').isEnabled());
  });
});
