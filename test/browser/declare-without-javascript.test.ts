import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

/** A real browser with JavaScript switched off, as many declarants use the site. */
describe('the declaration flow in Chromium with JavaScript off', () => {
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
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('request', (request) => requestedOrigins.add(new URL(request.url()).origin));
  });
  after(async () => {
    await browser?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('declare with a suggested alias, keep the receipt, check it, retract it', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    await page.goto(`${server.url}/`);
    assert.equal(new URL(page.url()).pathname, '/zh-hans/', 'Accept-Language zh-CN leads to simplified Chinese');
    await page.getByRole('link', { name: '我要声明三退' }).click();
    assert.equal(new URL(page.url()).pathname, '/zh-hans/declare');

    await page.getByLabel('少先队').check();
    await page.getByRole('button', { name: '帮我起个化名' }).click();
    const firstSuggestion = page.locator('button[name="pick"]').first();
    const alias = (await firstSuggestion.getAttribute('value'))!;
    await firstSuggestion.click();
    assert.equal(await page.locator('#names').inputValue(), alias, 'the picked alias is in the names field');
    assert.ok(await page.getByLabel('少先队').isChecked(), 'choices survive the round trip');

    await page.getByLabel('来自（选填）').fill('湖南');
    await page.getByLabel('声明内容（选填）').fill('戴过红领巾，今天摘下。');
    await page.getByRole('button', { name: '提交声明', exact: true }).click();

    await page.getByRole('heading', { name: '您的回执' }).waitFor();
    const registrationNumber = (await page.locator('#registration-number').innerText()).replace(/\s/g, '');
    const queryPassword = await page.locator('#query-password').innerText();
    assert.match(registrationNumber, /^\d{16}$/);

    await page.getByRole('link', { name: '查询审核状态' }).click();
    await page.getByLabel('登记号（16 位数字）').fill(registrationNumber);
    await page.getByLabel('查询密码').fill(queryPassword);
    await page.getByRole('button', { name: '查询' }).click();
    assert.equal(await page.locator('#status').innerText(), '等待审核');

    await page.getByRole('button', { name: '撤回这份声明' }).click();
    await page.getByRole('button', { name: '确认撤回' }).click();
    await page.getByRole('heading', { name: '声明已撤回' }).waitFor();

    assert.deepEqual([...requestedOrigins], [server.url], 'no request left the site');
  });

  test('reloading the receipt page files nothing and does not show the receipt again', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    await page.goto(`${server.url}/en/declare`);
    await page.getByLabel('Name or alias *').fill('安宁');
    await page.getByLabel('Communist Youth League').check();
    await page.getByRole('button', { name: 'Submit declaration', exact: true }).click();
    await page.getByRole('heading', { name: 'Your receipt', exact: true }).waitFor();
    const password = await page.locator('#query-password').innerText();
    assert.doesNotMatch(page.url(), new RegExp(password.replace(/-/g, '-?')), 'the password is not in the URL');

    const reloaded = await page.reload();
    assert.equal(reloaded?.status(), 410);
    await page.getByRole('heading', { name: 'Receipt already shown' }).waitFor();
    assert.equal(await page.locator('#query-password').count(), 0);
    assert.ok(!(await page.content()).includes(password));

    // The POST is not in the history: Back is the form again, not a resubmission.
    await page.goBack();
    assert.equal(new URL(page.url()).pathname, '/en/declare');
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
  });

  test('a validation error keeps the input and points at the field', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    await page.goto(`${server.url}/en/declare`);
    await page.getByLabel('Name or alias *').fill('Zhang San');
    await page.getByLabel('Statement (optional)').fill('<b>kept as text</b>');
    await page.getByRole('button', { name: 'Submit declaration', exact: true }).click();
    assert.match(await page.locator('#orgs-error').innerText(), /Choose at least one organisation/);
    assert.equal(await page.getByLabel('Statement (optional)').inputValue(), '<b>kept as text</b>');
    assert.equal(await page.locator('b').count(), 0, 'input never becomes markup');
  });
});
