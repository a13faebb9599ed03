import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { ensureCenter } from '../helpers/console.ts';
import type { StaffRole } from '../../src/db/schema.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { enrolAndSignIn } from '../helpers/browser-sign-in.ts';

/**
 * Issue 21's whole flow in Chromium with JavaScript off: a center admin imports a call list, a
 * volunteer takes a lease, reveals a number, records "declared", enters the declaration in the
 * batch form it opens, and an editor finds it in the moderation queue linked to its call.
 */
describe('a phone bank in Chromium with JavaScript off', () => {
  let ctx: TestContext;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser | null;
  const contexts: BrowserContext[] = [];
  const requestedOrigins = new Set<string>();

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

  /** A staff member signed in through the real pages: enrolment link, password, authenticator code. */
  async function signedIn(role: StaffRole): Promise<Page> {
    const centerId = role === 'editor' ? null : await ensureCenter(ctx);
    const email = `${role}-${contexts.length}@example.org`;
    const added = await ctx.services.staffAdmin.add('cli', { email, name: `Test ${role}`, role, centerId, trusted: false });
    assert.ok(added.ok);
    const context = await browser!.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('request', (request) => requestedOrigins.add(new URL(request.url()).origin));
    await enrolAndSignIn(page, server.url, added.value.enrolToken, email);
    assert.equal(new URL(page.url()).pathname, '/console');
    return page;
  }

  test('import, lease, reveal, "declared", the batch entry it opens, the queue that shows the call', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    const admin = await signedIn('center_admin');
    await admin.goto(`${server.url}/console/campaigns`);
    await admin.getByRole('link', { name: '新建外呼活动' }).click();
    await admin.locator('[name=name]').fill('河北外呼');
    await admin.locator('[name=startsOn]').fill('2026-12-01');
    await admin.locator('[name=endsOn]').fill('2027-01-31');
    await admin.getByRole('button', { name: '创建' }).click();
    assert.match(new URL(admin.url()).pathname, /^\/console\/campaign\/\d+$/);
    const campaign = new URL(admin.url()).pathname;

    await admin.locator('#csv').setInputFiles({
      name: 'list.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('电话,姓名,职务\n138 0013 8000,张三,科长\n12345,坏号码,\n'),
    });
    await admin.getByRole('button', { name: '上传并预览' }).click();
    assert.equal(await admin.locator('[data-count="accepted"]').innerText(), '1');
    assert.match(await admin.locator('#import-errors').innerText(), /电话号码无效/);
    await admin.getByRole('button', { name: '确认导入' }).click();
    assert.match(await admin.locator('#notice').innerText(), /已导入 1 个号码/);

    const volunteer = await signedIn('volunteer');
    await volunteer.goto(`${server.url}${campaign}`);
    await volunteer.getByRole('button', { name: /领取 \d+ 个号码/ }).click();
    await volunteer.getByRole('link', { name: '开始拨打' }).click();
    assert.equal(await volunteer.locator('#phone').innerText(), '+86 138****8000');
    await volunteer.getByRole('button', { name: '显示号码' }).click();
    assert.equal(await volunteer.locator('#phone a').getAttribute('href'), 'tel:+8613800138000');
    await volunteer.locator('input[name=outcome][value=declared]').check();
    assert.equal(await volunteer.getByLabel('对方选用的化名').inputValue(), '', 'the real name is never offered as the alias');
    await volunteer.getByLabel('对方选用的化名').fill('安宁');
    await volunteer.locator('#declared').getByLabel('党').check();
    await volunteer.locator('#declared').getByLabel('团').check();
    await volunteer.locator('#declared').getByLabel('家人').check();
    // Without consent nothing is recorded: the screen comes back with the batch form's message and the input.
    await volunteer.getByRole('button', { name: '记录结果，拨打下一个' }).click();
    assert.match(await volunteer.locator('#error').innerText(), /请确认/);
    assert.equal(await volunteer.getByLabel('对方选用的化名').inputValue(), '安宁');
    await volunteer.getByLabel('对方同意用这个化名声明').check();
    await volunteer.getByRole('button', { name: '记录结果，拨打下一个' }).click();

    assert.equal(new URL(volunteer.url()).pathname, '/console/batch');
    assert.equal(await volunteer.locator('[name=channel]').inputValue(), 'phone');
    assert.equal(await volunteer.locator('[name=name_1]').inputValue(), '安宁');
    assert.ok(await volunteer.locator('[name=orgs_1][value=party]').isChecked());
    assert.ok(await volunteer.locator('[name=orgs_1][value=league]').isChecked());
    assert.equal(await volunteer.locator('[name=behalf_1]').inputValue(), 'family');
    assert.ok(await volunteer.locator('[name=consent]').isChecked());
    assert.match(await volunteer.locator('#call-center').innerText(), /纽约退党服务中心/);
    await volunteer.locator('[name=region_1]').fill('河北');
    await volunteer.locator('button[name=action][value=submit]').first().click();
    await volunteer.locator('table.codes').waitFor();

    const editor = await signedIn('editor');
    await editor.goto(`${server.url}/console/moderation`);
    assert.match(await editor.locator('main').innerText(), /电话外呼“河北外呼”中录入/);
    const reveals = await ctx.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'outreach.number.revealed')
      .execute();
    assert.equal(reveals.length, 1);
    assert.deepEqual([...requestedOrigins], [server.url], 'no request left the site');
  });
});
