import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOCALES } from '../../src/i18n/index.ts';
import { addPublicCenter, itemsOf } from '../helpers/channels.ts';
import { testEngines } from '../helpers/databases.ts';
import { addCenter } from '../helpers/outreach.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** What a browser behind a proxy would send besides the form: none of it may be kept or logged. */
const IDENTIFYING = { 'user-agent': 'Mozilla/5.0 (Secret-Phone 9)', 'x-forwarded-for': '203.0.113.77', 'x-real-ip': '203.0.113.77' };

for (const engine of testEngines()) {
  describe(`the public contact form (${engine})`, () => {
    let ctx: TestContext;
    let toronto: number;
    let hidden: number;

    const post = (locale: string, fields: Record<string, string>) =>
      ctx.app.request(`/${locale}/contact`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...IDENTIFYING },
        body: new URLSearchParams(fields).toString(),
      });
    const tokenOf = (html: string) => /name="submission" value="([^"]+)"/.exec(html)![1]!;

    before(async () => {
      ctx = await createTestContext(engine);
      toronto = await addPublicCenter(ctx, '多伦多中心');
      hidden = await addCenter(ctx, '内部中心');
    });
    after(() => ctx.close());

    for (const locale of LOCALES) {
      test(`${locale}/contact: small, no script, nothing from another origin, links the privacy page, offers public centers only`, async () => {
        const response = await ctx.app.request(`/${locale}/contact`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('cache-control'), 'no-store');
        const html = await response.text();
        assert.ok(Buffer.byteLength(html) < 30 * 1024, `${Buffer.byteLength(html)} bytes`);
        assert.doesNotMatch(html, /<script/i);
        assert.doesNotMatch(html, /(src|href|action)="(https?:)?\/\//);
        assert.match(html, new RegExp(`href="/${locale}/privacy"`));
        assert.match(html, new RegExp(`<form method="post" action="/${locale}/contact"`));
        assert.match(html, new RegExp(`<option value="${toronto}">多伦多中心`));
        assert.doesNotMatch(html, new RegExp(`<option value="${hidden}"`));
        assert.match(tokenOf(html), /^[0-9a-z]{8}[A-Za-z0-9_-]{22}$/);
      });
    }

    test('a message is filed in the chosen center’s inbox as a web item; a repeated post of the form is the same item', async () => {
      const token = tokenOf(await (await ctx.app.request('/zh-hant/contact')).text());
      const fields = { submission: token, center: String(toronto), reply: 'Reply.Me@Example.net', message: '我想替父母三退。\r\n請回信。' };
      const sent = await post('zh-hant', fields);
      assert.equal(sent.status, 303);
      assert.equal(sent.headers.get('location'), '/zh-hant/contact/sent');
      const again = await post('zh-hant', fields);
      assert.equal(again.status, 303, 'a reload is answered like the first post');
      const items = await itemsOf(ctx, toronto);
      assert.equal(items.length, 1);
      assert.equal(items[0]!.channel, 'web');
      assert.equal(items[0]!.sender, 'Reply.Me@Example.net');
      assert.equal(items[0]!.body, '我想替父母三退。\n請回信。');
      assert.doesNotMatch(items[0]!.sourceRef ?? '', new RegExp(token), 'the token itself is not stored');
      const page = await ctx.app.request('/zh-hant/contact/sent');
      assert.equal(page.status, 200);
      assert.match(await page.text(), /留言已送達/);

      // Without a token (another site's copy of the form) it is filed too, and without a reply address.
      assert.equal((await post('en', { center: String(toronto), message: 'Hello from a mirror' })).status, 303);
      const [, second] = await itemsOf(ctx, toronto);
      assert.equal(second!.sender, null);
      assert.equal(second!.sourceRef, null);
    });

    test('bad input is shown again with a localized error per field and stores nothing', async () => {
      const count = (await itemsOf(ctx, toronto)).length;
      const response = await post('en', { submission: 'x', center: String(hidden), reply: 'not an address', message: '   ' });
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.match(html, /role="alert"/);
      assert.match(html, /id="center-error"/);
      assert.match(html, /id="reply-error"/);
      assert.match(html, /id="message-error"/);
      assert.match(html, /value="not an address"/);
      // The public pages' English is British (“Service centres” in the navigation): the form and its errors too.
      const words = html.replace(/<[^>]*>/g, ' ');
      assert.match(words, /Choose a service centre\./);
      assert.doesNotMatch(words, /\bcenters?\b/i, 'one spelling on the page');
      const tooLong = await post('zh-hans', { center: String(toronto), message: '字'.repeat(5001) });
      assert.equal(tooLong.status, 422);
      assert.match(await tooLong.text(), /最多 5000 个字/);
      const hostile = await post('zh-hans', { center: '1 OR 1=1', message: '\u202Ehidden' });
      assert.equal(hostile.status, 422);
      assert.equal((await post('zh-hans', { center: '9999999999', message: '你好' })).status, 422, 'an id past the integer range');
      assert.equal((await itemsOf(ctx, toronto)).length, count);
      assert.equal(
        (
          await ctx.app.request('/en/contact', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"center":1}',
          })
        ).status,
        415,
      );
    });

    test('nothing about the sender’s browser or address is kept or logged', async () => {
      const logs = ctx.logs.join('\n');
      for (const value of Object.values(IDENTIFYING)) assert.ok(!logs.includes(value), value);
      const audit = await ctx.services.database.db.selectFrom('audit_log').select('details').execute();
      for (const { details } of audit) for (const value of Object.values(IDENTIFYING)) assert.ok(!details.includes(value));
      assert.ok(!audit.some(({ details }) => details.includes('Reply.Me')), 'the audit log never names the sender');
    });
  });
}
