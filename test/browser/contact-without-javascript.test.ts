import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createServices } from '../../src/composition.ts';
import { loadConfig } from '../../src/config.ts';
import { centersRepository } from '../../src/repositories/centers-repository.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

/** The contact form as a reader in China meets it: a phone-sized window, JavaScript off. */
describe('the contact form in Chromium with JavaScript off', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser | null;
  let page: Page;
  const requestedOrigins = new Set<string>();

  before(async () => {
    dir = makeTempDir();
    const seeded = await createServices(loadConfig({ TUIDANG_DATA_DIR: dir }));
    await centersRepository.insert(seeded.database.db, {
      name: '多伦多退党服务中心',
      city: 'Toronto',
      country: 'CA',
      hotlines: [],
      fax: null,
      email: null,
      address: null,
      openingHours: null,
      languages: '中文',
      isPublic: true,
      at: new Date(),
    });
    await seeded.close();
    server = await startServerProcess({ TUIDANG_DATA_DIR: dir });
    browser = await launchChromium();
    if (!browser) return;
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    page = await context.newPage();
    page.on('request', (request) => requestedOrigins.add(new URL(request.url()).origin));
  });
  after(async () => {
    await browser?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a mistake is pointed out and the words kept; the corrected message is sent', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    await page.goto(`${server.url}/zh-hans/contact`);
    assert.ok(await page.getByRole('link', { name: '我们保存什么、不保存什么' }).isVisible());

    await page.getByLabel('服务中心').selectOption({ label: '多伦多退党服务中心 (Toronto)' });
    await page.getByLabel('回信邮箱（可不填）').fill('not-an-address@');
    await page.getByLabel('留言').fill('我想替父母三退，请回信。');
    // The browser's own check of the address field would stop the post; the server's answer is what is tested.
    await page.locator('form').evaluate((form) => form.setAttribute('novalidate', ''));
    await page.getByRole('button', { name: '发送' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /电子邮箱格式不正确/);
    assert.equal(await page.getByLabel('留言').inputValue(), '我想替父母三退，请回信。', 'the message survives the round trip');

    await page.getByLabel('回信邮箱（可不填）').fill('reply@example.net');
    await page.getByRole('button', { name: '发送' }).click();
    await page.getByRole('heading', { name: '留言已送达' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/zh-hans/contact/sent');
    assert.deepEqual([...requestedOrigins], [server.url], 'nothing from another origin');
  });
});
