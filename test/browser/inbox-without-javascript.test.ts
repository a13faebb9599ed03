import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { StaffRole } from '../../src/db/schema.ts';
import { launchChromium } from '../helpers/browser.ts';
import { ensureCenter } from '../helpers/console.ts';
import { PDF_BYTES, PNG_BYTES, emailTo } from '../helpers/inbox.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { enrolAndSignIn } from '../helpers/browser-sign-in.ts';

/**
 * Issue 22's inbox in Chromium with JavaScript off, on a 390 px wide phone: an email with a PDF and
 * a photo arrives, a volunteer finds it, opens it, takes it and converts it into declarations
 * through the batch form it opens; no page is wider than the phone.
 */
describe('the inbox in Chromium with JavaScript off, 390 px wide', () => {
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

  async function signedIn(role: StaffRole): Promise<Page> {
    const centerId = await ensureCenter(ctx);
    const email = `${role}-${contexts.length}@example.org`;
    const added = await ctx.services.staffAdmin.add('cli', { email, name: `Test ${role}`, role, centerId, trusted: false });
    assert.ok(added.ok);
    const context = await browser!.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const page = await context.newPage();
    // Network requests only: Chromium's PDF viewer loads its own chrome-extension:// files (origin "null").
    page.on('request', (request) => {
      if (/^https?:/.test(request.url())) requestedOrigins.add(new URL(request.url()).origin);
    });
    await enrolAndSignIn(page, server.url, added.value.enrolToken, email);
    assert.equal(new URL(page.url()).pathname, '/console');
    return page;
  }

  /** How wide the page lays out: wider than the viewport means sideways scrolling on the phone. */
  const width = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

  test('find, open, take and convert an emailed item', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    const centerId = await ensureCenter(ctx);
    const received = await ctx.services.inbox.receive(
      emailTo(centerId, {
        body: '安宁 退党\n明德 退团\n这两位托我声明，谢谢。这是一段很长的文字，用来检查手机上是否会横向滚动。'.repeat(3),
        attachments: [
          { name: 'fax.pdf', bytes: PDF_BYTES },
          { name: 'photo.png', bytes: PNG_BYTES },
        ],
      }),
    );
    assert.ok(received.ok);

    const volunteer = await signedIn('volunteer');
    await volunteer.getByRole('link', { name: '收件箱' }).first().click();
    assert.ok((await width(volunteer)) <= 390, 'the list fits the phone');
    await volunteer.locator(`[data-item-id="${received.value.id}"] a`).click();
    assert.equal(await volunteer.locator('#sender').innerText(), 'Zhang.San@Example.org');
    assert.ok(await volunteer.locator('img[alt="photo.png"]').isVisible());
    assert.ok(
      await volunteer.locator('iframe[title="fax.pdf"]').isVisible(),
      'sandboxed by its response, not by the frame (see item-page.tsx)',
    );
    assert.ok((await width(volunteer)) <= 390, 'the item fits the phone');

    await volunteer.getByRole('button', { name: '由我处理' }).click();
    assert.match(await volunteer.locator('#notice').innerText(), /由您处理/);
    assert.equal(await volunteer.locator('#status').innerText(), '处理中');

    await volunteer.locator('#convert').click();
    assert.equal(new URL(volunteer.url()).pathname, '/console/batch');
    assert.equal(await volunteer.locator('[name=channel]').inputValue(), 'email');
    assert.equal(await volunteer.locator('[name=name_1]').inputValue(), '安宁');
    assert.equal(await volunteer.locator('[name=name_2]').inputValue(), '明德');
    // Only the two people: the rows read from the rest of the text are cleared.
    for (let row = 3; row <= 9; row++) await volunteer.locator(`[name=name_${row}]`).fill('');
    await volunteer.locator('[name=orgs_1][value=party]').check();
    await volunteer.locator('[name=orgs_2][value=league]').check();
    await volunteer.locator('[name=consent]').check();
    await volunteer.locator('button[name=action][value=submit]').first().click();
    await volunteer.locator('table.codes').waitFor();

    await volunteer.goto(`${server.url}/console/inbox/item/${received.value.id}`);
    assert.equal(await volunteer.locator('#status').innerText(), '已转为声明');
    assert.match(await volunteer.locator('#declarations').innerText(), /2 份声明/);
    assert.deepEqual([...requestedOrigins], [server.url], 'no request left the site');
  });
});
