import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

const PHONE = { width: 390, height: 844 };

/** The newsletter's sign-up and confirmation on a phone-sized window, JavaScript off, nothing from another origin. */
describe('the newsletter in Chromium with JavaScript off, 390 px wide', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser | null;
  let page: Page;
  const requestedOrigins = new Set<string>();

  before(async () => {
    dir = makeTempDir();
    server = await startServerProcess({ TUIDANG_DATA_DIR: dir });
    browser = await launchChromium();
    if (!browser) return;
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB', viewport: PHONE });
    page = await context.newPage();
    page.on('request', (request) => requestedOrigins.add(new URL(request.url()).origin));
  });
  after(async () => {
    await browser?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Nothing sticks out to the right of the window: no sideways scrolling on a phone. */
  async function fitsThePhone() {
    for (const selector of ['main', 'form', 'button[type=submit]', 'input#email']) {
      const element = page.locator(selector).first();
      if ((await element.count()) === 0) continue;
      const box = await element.boundingBox();
      if (box) assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `${selector}: ${JSON.stringify(box)}`);
    }
  }

  test('sign up, confirm from the mailed link with the page’s button', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    await page.goto(`${server.url}/en/`);
    await page.getByRole('link', { name: /Subscribe to the newsletter/ }).click();
    assert.equal(new URL(page.url()).pathname, '/en/newsletter');
    await fitsThePhone();
    await page.getByLabel('Email address').fill('phone@example.org');
    await page.getByLabel('繁體中文').check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    assert.equal(new URL(page.url()).pathname, '/en/newsletter', 'the browser sends nothing until the terms box is ticked');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

    const files = readdirSync(join(dir, 'mail')).sort();
    const mail = await simpleParser(readFileSync(join(dir, 'mail', files.at(-1)!)));
    // The link's origin is the configured public URL; the path is what matters here.
    const confirm = /https?:\/\/[^/\s]+(\/\S+\/newsletter\/confirm\/\S+)/.exec(mail.text ?? '')![1]!;
    await page.goto(`${server.url}${confirm}`);
    await fitsThePhone();
    await page.getByRole('button', { name: '確認訂閱' }).click();
    await page.getByRole('heading', { name: '訂閱成功' }).waitFor();
    assert.deepEqual([...requestedOrigins], [server.url]);
  });
});
