import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

/** Layout fixes of issue 26 on the declaration form and its receipt, on phone widths, JavaScript off. */
describe('declaring on a phone in Chromium', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser | null;
  const contexts: BrowserContext[] = [];

  async function phone(width: number) {
    const context = await browser!.newContext({ javaScriptEnabled: false, viewport: { width, height: 640 } });
    contexts.push(context);
    return context.newPage();
  }

  before(async () => {
    dir = makeTempDir();
    server = await startServerProcess({ TUIDANG_DATA_DIR: dir });
    browser = await launchChromium();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('asking for an alias, and picking one, lands where the result is', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    const page = await phone(360);
    await page.goto(`${server.url}/zh-hans/declare`);
    await page.getByRole('button', { name: '帮我起个化名' }).click();
    await page.locator('#suggestions').waitFor();
    assert.ok(await page.locator('#suggestions').isVisible());
    const box = await page.locator('#suggestions').boundingBox();
    assert.ok(box && box.y > -1 && box.y < 640, `the suggestions are on screen (y=${box?.y})`);
    assert.ok((await page.evaluate<number>('window.scrollY')) > 200, 'the page scrolled to them');

    const alias = (await page.locator('button[name="pick"]').first().getAttribute('value'))!;
    await page.locator('button[name="pick"]').first().click();
    await page.locator('#names').waitFor();
    const names = await page.locator('#names').boundingBox();
    assert.ok(names && names.y > -1 && names.y < 640, `the names field is on screen (y=${names?.y})`);
    assert.equal(await page.locator('#names').inputValue(), alias);
  });

  for (const width of [360, 390]) {
    test(`at ${width} px the receipt keeps each value on one line, and says what was declared`, async (t) => {
      if (!browser) return t.skip('Chromium is not installed');
      const page = await phone(width);
      await page.goto(`${server.url}/en/declare`);
      await page.getByLabel('Name or alias *').fill('Anna Li');
      await page.getByLabel('Communist Youth League').check();
      await page.getByRole('button', { name: 'Submit declaration', exact: true }).click();
      await page.getByRole('heading', { name: 'Your receipt', exact: true }).waitFor();
      for (const id of ['#query-password', '#registration-number']) {
        const lines = await page.locator(id).evaluate((element) => element.getClientRects().length);
        assert.equal(lines, 1, `${id} is on one line`);
        const box = (await page.locator(id).boundingBox())!;
        assert.ok(box.x + box.width <= width, `${id} ends within the screen`);
      }
      assert.match(await page.locator('#declared').innerText(), /Anna Li/);
      assert.equal(await page.evaluate<number>('document.documentElement.scrollWidth'), width, 'nothing scrolls sideways');
    });
  }
});
