import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { exportKit, kitFiles, publishOne, serveStatic, SUBMISSION_ADDRESSES } from '../helpers/mirror-kit.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** The kit as a mirror serves it: a plain static file server, read by Chromium with JavaScript off. */
describe('the static mirror kit in Chromium with JavaScript off', () => {
  let ctx: TestContext;
  let browser: Browser | null;
  let site: { url: string; server: Server };
  let out: string;

  before(async () => {
    ctx = await createTestContext('sqlite', { TUIDANG_SUBMISSION_ADDRESSES: SUBMISSION_ADDRESSES });
    for (const name of ['明德', '李华', '张伟']) await publishOne(ctx, [name]);
    await ctx.services.log.publish();
    out = join(ctx.dir, 'kit');
    await exportKit(ctx, out);
    site = await serveStatic(out);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => site.server.close(resolve));
    await ctx.close();
  });

  test('every page opens, is styled, and every link on it resolves, with no request to another origin', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const elsewhere: string[] = [];
    const refused: string[] = [];
    const page = await context.newPage();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol !== 'data:' && url.origin !== site.url) elsewhere.push(request.url());
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(`${page.url()}: ${message.text()}`);
    });
    const links = new Set<string>();
    const pages = kitFiles(out).filter((file) => file.endsWith('.html'));
    assert.ok(pages.length > 40, `${pages.length} pages`);
    for (const file of pages) {
      const response = await page.goto(`${site.url}/${file}`);
      assert.equal(response?.status(), 200, file);
      // The inline style sheet is allowed by its hash in the page's own policy: the brand is set bold by it.
      const brand = (await page.evaluate("getComputedStyle(document.querySelector('a.brand')).fontWeight")) as string;
      assert.ok(Number(brand) >= 600, `${file} is unstyled`);
      for (const href of (await page.evaluate("[...document.querySelectorAll('a[href]')].map((a) => a.href)")) as string[]) {
        if (href.startsWith(site.url)) links.add(href.split('#')[0]!);
      }
    }
    for (const link of links) {
      const response = await context.request.get(link);
      assert.equal(response.status(), 200, `${link} does not resolve`);
    }
    assert.deepEqual(elsewhere, [], 'no request may leave the mirror');
    assert.deepEqual(refused, [], 'the policy refuses nothing the page needs');
    await context.close();
  });

  test('the declare page sends people to the configured sites, in each language', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/zh-hant/index.html`);
    await page.locator('header nav a').first().click();
    assert.equal(new URL(page.url()).pathname, '/zh-hant/declare/index.html');
    assert.equal(await page.locator('h1').textContent(), '在哪裡聲明');
    const targets = (await page.evaluate("[...document.querySelectorAll('#submission-addresses a')].map((a) => a.href)")) as string[];
    assert.deepEqual(
      targets,
      SUBMISSION_ADDRESSES.split(' ').map((address) => `${address}/zh-hant/declare`),
    );
    await context.close();
  });
});
