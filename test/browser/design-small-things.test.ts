import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

/** Focus and layout fixes of issue 26 in Chromium with JavaScript off, on a 390×844 phone. */
describe('small things on a phone in Chromium', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser | null;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    dir = makeTempDir();
    server = await startServerProcess({ TUIDANG_DATA_DIR: dir });
    browser = await launchChromium();
    if (!browser) return;
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the header takes little of the screen in every language', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    for (const locale of ['en', 'zh-hans', 'zh-hant']) {
      await page.goto(`${server.url}/${locale}/`);
      const header = (await page.locator('body > header').boundingBox())!;
      assert.ok(header.height <= 100, `${locale}: the header is ${header.height} px tall`);
    }
  });

  test('after an error the summary has the focus and the title says so', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    await page.goto(`${server.url}/en/declare`);
    await page.getByLabel('Name or alias *').fill('Zhang San');
    await page.getByRole('button', { name: 'Submit declaration', exact: true }).click();
    await page.locator('#error-summary').waitFor();
    assert.equal(await page.evaluate<string>('document.activeElement.id'), 'error-summary');
    assert.match(await page.title(), /^Error: /);
    const box = (await page.locator('#error-summary').boundingBox())!;
    assert.ok(box.y >= 0 && box.y < 844, 'the summary is on screen');
  });

  test('"not now" on the retract confirmation returns to the status', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    await page.goto(`${server.url}/zh-hans/declare`);
    await page.locator('#names').fill('安宁');
    await page.getByLabel('共青团').check();
    await page.getByRole('button', { name: '提交声明', exact: true }).click();
    const number = (await page.locator('#registration-number').innerText()).replace(/\s/g, '');
    const password = await page.locator('#query-password').innerText();
    await page.goto(`${server.url}/zh-hans/receipt`);
    await page.getByLabel('登记号（16 位数字）').fill(number);
    await page.getByLabel('查询密码').fill(password);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('button', { name: '撤回这份声明' }).click();
    await page.getByRole('button', { name: '不撤回，返回' }).click();
    assert.equal(await page.locator('#status').innerText(), '等待审核');
  });

  test('a statement with a phone number is asked about; "submit anyway" files it', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    await page.goto(`${server.url}/zh-hans/declare`);
    await page.locator('#names').fill('明德');
    await page.getByLabel('中国共产党').check();
    await page.getByLabel('声明内容（选填）').fill('有事打 138 0013 8000');
    await page.getByRole('button', { name: '提交声明', exact: true }).click();
    await page.locator('#identifying').waitFor();
    assert.equal(await page.evaluate<string>('document.activeElement.id'), 'identifying');
    await page.getByRole('link', { name: '电话号码' }).click();
    await page.getByLabel('声明内容（选填）').fill('有事请找服务中心。');
    await page.getByRole('button', { name: '提交声明', exact: true }).click();
    await page.getByRole('heading', { name: '您的回执' }).waitFor();

    await page.goto(`${server.url}/zh-hans/declare`);
    await page.locator('#names').fill('明德');
    await page.getByLabel('中国共产党').check();
    await page.locator('#contact').fill('mingde@163.com');
    await page.getByRole('button', { name: '提交声明', exact: true }).click();
    await page.getByRole('button', { name: '我知道风险，仍然提交' }).click();
    await page.getByRole('heading', { name: '您的回执' }).waitFor();
  });
});
