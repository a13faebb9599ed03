import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { ensureCenter } from '../helpers/console.ts';
import { emailTo } from '../helpers/inbox.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { enrolAndSignIn } from '../helpers/browser-sign-in.ts';

/** A one-page PDF that a viewer draws (PDF_BYTES in helpers/inbox.ts has no page), with its cross-reference table. */
function onePagePdf(): Uint8Array {
  const stream = 'BT /F1 24 Tf 30 100 Td (FAX PAGE) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let text = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const at = text.length;
    text += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(text);
}

/**
 * The inbox's typed-in fields on a 390 px phone: the caller's number and the search box must be as
 * wide as the page's other fields, not the browser's bare 150 px box an older volunteer can hardly hit.
 */
describe('the inbox on a 390 px phone in Chromium', () => {
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

  let volunteers = 0;
  async function volunteerPage(): Promise<Page> {
    const centerId = await ensureCenter(ctx);
    volunteers += 1;
    const email = `phone-${volunteers}@example.org`;
    const added = await ctx.services.staffAdmin.add('cli', { email, name: '王阿姨', role: 'volunteer', centerId, trusted: false });
    assert.ok(added.ok);
    const context = await browser!.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await enrolAndSignIn(page, server.url, added.value.enrolToken, email);
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

  test('a faxed PDF is drawn inside the item page, not replaced by an error page', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    const received = await ctx.services.inbox.receive(
      emailTo(await ensureCenter(ctx), { attachments: [{ name: 'fax.pdf', bytes: onePagePdf() }] }),
    );
    assert.ok(received.ok);
    const page = await volunteerPage();
    const attachment = `${server.url}/console/inbox/item/${received.value.id}/attachment/1`;
    // goto waits for the load event, which waits for the frame; a sandboxed frame makes Chromium put
    // chrome-error://chromewebdata/ where its PDF viewer would be.
    await page.goto(`${server.url}/console/inbox/item/${received.value.id}`);
    const urls = async () => page.frames().map((frame) => frame.url());
    assert.ok((await urls()).includes(attachment), `the frame holds the PDF: ${(await urls()).join(' ')}`);
    assert.ok(!(await urls()).some((url) => url.startsWith('chrome-error:')), 'no error page in the frame');
  });
});
