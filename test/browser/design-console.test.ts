import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { StaffRole } from '../../src/db/schema.ts';
import { launchChromium } from '../helpers/browser.ts';
import { ensureCenter } from '../helpers/console.ts';
import { submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { enrolAndSignIn } from '../helpers/browser-sign-in.ts';

/** The console on a 390 px phone (issue 26): the moderation queue fits, and its rows are compact. */
describe('the moderation queue in Chromium on a 390 px phone', () => {
  let ctx: TestContext;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser | null;
  const contexts: BrowserContext[] = [];

  before(async () => {
    ctx = await createTestContext();
    server = await ctx.listen();
    browser = await launchChromium();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server.close();
    await ctx.close();
  });

  async function signedIn(role: StaffRole): Promise<Page> {
    const centerId = role === 'admin' ? null : await ensureCenter(ctx);
    const email = `${role}-${contexts.length}@example.org`;
    const added = await ctx.services.staffAdmin.add('cli', { email, name: `Test ${role}`, role, centerId, trusted: false });
    assert.ok(added.ok);
    const context = await browser!.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const page = await context.newPage();
    await enrolAndSignIn(page, server.url, added.value.enrolToken, email);
    assert.equal(new URL(page.url()).pathname, '/console');
    return page;
  }

  const width = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

  test('the queue is no wider than the phone, with compact rows, and approving works', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    const long = '我在单位里入党二十年，今天看清了真相，郑重声明退出中国共产党及其一切组织。'.repeat(6);
    const first = await submitDeclaration(ctx, {
      names: ['王明华', '李安宁'],
      headcount: 4,
      region: '辽宁大连',
      statement: long,
      title: '全家退出',
    });
    await submitDeclaration(ctx, { names: ['张和平'], orgs: ['league', 'pioneers'], region: '湖南' });
    const editor = await signedIn('editor');
    await editor.goto(`${server.url}/console/moderation`);
    assert.ok((await width(editor)) <= 390, `the queue is ${await width(editor)} px wide`);
    const row = editor.locator(`tr[data-number="${first.registrationNumber}"]`);
    const box = (await row.boundingBox())!;
    assert.ok(box.height < 200, `a row is ${box.height} px tall`);
    await row.locator('input[name=numbers]').check();
    await editor.getByRole('button', { name: '发表所选' }).click();
    assert.match(await editor.locator('.notice').innerText(), /1/);
  });

  test("an admin's home names its list as the admin's own entries", async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    const admin = await signedIn('center_admin');
    assert.equal(await admin.locator('#my-tallies-heading').innerText(), '我录入的声明');
    assert.equal(await admin.locator('#my-pending').innerText(), '您录入的声明中，没有正在等待审核的。');
    assert.ok((await width(admin)) <= 390);
  });
});
