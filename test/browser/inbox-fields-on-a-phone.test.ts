import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { PASSWORD, ensureCenter, totpCode } from '../helpers/console.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/**
 * The inbox's typed-in fields on a 390 px phone: the caller's number and the search box must be as
 * wide as the page's other fields, not the browser's bare 150 px box an older volunteer can hardly hit.
 */
describe('the inbox fields on a 390 px phone', () => {
  let ctx: TestContext;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser | null;

  before(async () => {
    ctx = await createTestContext();
    server = await ctx.listen();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server.close();
    await ctx.close();
  });

  async function volunteerPage(): Promise<Page> {
    const centerId = await ensureCenter(ctx);
    const email = 'phone-fields@example.org';
    const added = await ctx.services.staffAdmin.add('cli', { email, name: '王阿姨', role: 'volunteer', centerId, trusted: false });
    assert.ok(added.ok);
    const context = await browser!.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console/enrol/${added.value.enrolToken}`);
    await page.locator('[name=password]').fill(PASSWORD);
    await page.locator('[name=confirmation]').fill(PASSWORD);
    await page.locator('button[type=submit]').first().click();
    await page.goto(`${server.url}/console/sign-in`);
    await page.locator('[name=email]').fill(email);
    await page.locator('[name=password]').fill(PASSWORD);
    await page.locator('form button[type=submit]').last().click();
    const secret = await page.locator('#totp-secret').innerText();
    await page.locator('#code').fill(totpCode(secret.replace(/\s/g, '')));
    await page.locator('#code').press('Enter');
    return page;
  }

  const widthOf = async (page: Page, selector: string) => (await page.locator(selector).boundingBox())?.width ?? 0;

  test('the caller’s number is as wide as the note, and the search box fills the line', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    const page = await volunteerPage();
    await page.goto(`${server.url}/console/inbox/calls`);
    const note = await widthOf(page, '[name=note]');
    assert.ok(note > 300, `the note is ${note} px wide`);
    assert.equal(await widthOf(page, '[name=phone]'), note);
    assert.equal(await page.locator('[name=phone]').getAttribute('inputmode'), 'tel', 'the phone keypad still opens');

    await page.goto(`${server.url}/console/inbox`);
    const search = await widthOf(page, '[name=q]');
    assert.ok(search > 300, `the search box is ${search} px wide`);
    assert.ok((await page.evaluate<number>('document.documentElement.scrollWidth')) <= 390, 'nothing wider than the phone');
  });
});
