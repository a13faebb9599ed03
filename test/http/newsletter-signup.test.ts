import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../helpers/databases.ts';
import { form, linkIn, sentMail, subscriberStatuses } from '../helpers/newsletter.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const TEN_MINUTES = 10 * 60_000;

for (const engine of testEngines()) {
  describe(`the newsletter's double opt-in (${engine})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(engine);
    });
    after(() => ctx.close());

    const signUp = (email: string, language = 'en', locale = 'en') =>
      ctx.app.request(`/${locale}/newsletter`, form({ email, language, terms: 'yes' }));

    test('the form in three languages: small, no other origin, the terms linked, no script', async () => {
      for (const locale of ['zh-hans', 'zh-hant', 'en']) {
        const response = await ctx.app.request(`/${locale}/newsletter`);
        assert.equal(response.status, 200);
        const html = await response.text();
        assert.ok(Buffer.byteLength(html) < 30_000, `${locale}: ${Buffer.byteLength(html)} bytes`);
        assert.ok(html.includes(`href="/${locale}/terms"`));
        assert.ok(html.includes('name="terms" value="yes" required'));
        assert.doesNotMatch(html, /(src|href|action)="(https?:)?\/\//);
        assert.doesNotMatch(html, /<script/);
        assert.match(response.headers.get('cache-control') ?? '', /no-store/);
      }
      assert.match(await (await ctx.app.request('/zh-hant/newsletter')).text(), /訂閱新聞信/);
      assert.match(await (await ctx.app.request('/en/')).text(), /href="\/en\/newsletter"/);
    });

    test('sign-up mails a link whose page (GET) confirms nobody; its button (POST) confirms', async () => {
      const response = await signUp('Reader@Example.org', 'zh-hant', 'en');
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/en/newsletter/sent');
      assert.match(await (await ctx.app.request('/en/newsletter/sent')).text(), /Check your inbox/);
      const [mail] = await sentMail(ctx);
      assert.ok(mail);
      assert.equal((mail.to as { text: string }).text, 'reader@example.org');
      assert.equal(mail.subject, '請確認訂閱退黨登記的新聞信');
      const unsubscribe = linkIn(mail, 'unsubscribe');
      const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line.replace(/\r\n\s+/g, ' ');
      assert.match(header('list-unsubscribe') ?? '', new RegExp(`^List-Unsubscribe: <https?://[^>]+${unsubscribe}>$`));
      assert.equal(header('list-unsubscribe-post'), 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      const confirm = linkIn(mail, 'confirm');
      assert.match(confirm, /^\/zh-hant\/newsletter\/confirm\//);

      // A link scanner opens the link, twice: still pending.
      for (let i = 0; i < 2; i++) {
        const page = await ctx.app.request(confirm);
        assert.equal(page.status, 200);
        assert.match(await page.text(), new RegExp(`<form method="post" action="${confirm}"><button type="submit">確認訂閱</button>`));
      }
      assert.deepEqual(await subscriberStatuses(ctx), ['pending']);

      const confirmed = await ctx.app.request(confirm, form({}));
      assert.equal(confirmed.status, 303);
      assert.equal(confirmed.headers.get('location'), '/zh-hant/newsletter/confirmed');
      assert.deepEqual(await subscriberStatuses(ctx), ['confirmed']);
      // Again: nothing changes, and the page says it is done.
      assert.equal((await ctx.app.request(confirm, form({}))).status, 303);
      assert.match(await (await ctx.app.request(confirm)).text(), /已經確認過了/);

      const row = await ctx.services.database.db.selectFrom('newsletter_subscribers').selectAll().executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(row).includes('example.org'), 'the address is sealed, never stored as text');
      assert.equal(row.language, 'zh-hant');
      assert.equal(row.terms_version.length > 0, true);
    });

    test('a second sign-up answers the same whatever the address; the mail says which it was', async () => {
      const before = (await sentMail(ctx)).length;
      const known = await signUp('reader@example.org');
      const unknown = await signUp('stranger@example.org');
      assert.equal(known.status, unknown.status);
      assert.equal(known.headers.get('location'), unknown.headers.get('location'));
      assert.equal(await known.text(), await unknown.text());
      // Within ten minutes of the last mail the known address gets none (nobody floods an inbox from the form).
      assert.equal((await sentMail(ctx)).length, before + 1);
      ctx.clock.advance(TEN_MINUTES + 1);
      assert.equal((await signUp('reader@example.org', 'en')).status, 303);
      const mails = await sentMail(ctx);
      const last = mails.at(-1)!;
      assert.equal(last.subject, '您已經訂閱了退黨登記的新聞信', 'in the language the subscriber chose, not the new form');
      assert.deepEqual(await subscriberStatuses(ctx), ['confirmed', 'pending']);
    });

    test('unsubscribe by the page and its button, and by a one-click POST', async () => {
      const mails = await sentMail(ctx);
      // The mail to the confirmed reader: its link's page only asks.
      const readerLink = linkIn(mails.at(-1)!, 'unsubscribe');
      const page = await ctx.app.request(readerLink);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<button type="submit">/);
      assert.deepEqual(await subscriberStatuses(ctx), ['confirmed', 'pending']);
      const done = await ctx.app.request(readerLink, form({}));
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), '/zh-hant/newsletter/unsubscribed');
      assert.deepEqual(await subscriberStatuses(ctx), ['unsubscribed', 'pending']);
      assert.match(await (await ctx.app.request(readerLink)).text(), /已經取消訂閱/);

      // The stranger's mail program posts List-Unsubscribe=One-Click, as multipart, and follows no redirect.
      const strangerLink = linkIn(mails.find((mail) => (mail.to as { text: string }).text === 'stranger@example.org')!, 'unsubscribe');
      const body = new FormData();
      body.set('List-Unsubscribe', 'One-Click');
      const oneClick = await ctx.app.request(strangerLink, { method: 'POST', body });
      assert.equal(oneClick.status, 200);
      assert.deepEqual(await subscriberStatuses(ctx), ['unsubscribed', 'unsubscribed']);

      // Nothing is kept of the address; signing up again starts afresh, with a confirmation.
      const erased = await ctx.services.database.db.selectFrom('newsletter_subscribers').select(['email_sealed', 'email_hmac']).execute();
      assert.ok(erased.every((row) => row.email_sealed === null && row.email_hmac === null));
      assert.equal((await signUp('reader@example.org')).status, 303);
      assert.equal((await sentMail(ctx)).at(-1)!.subject, 'Please confirm your subscription to the Tuidang registry newsletter');
      assert.deepEqual(await subscriberStatuses(ctx), ['unsubscribed', 'unsubscribed', 'pending']);
    });

    test('bad input gets a localized 4xx and changes nothing', async () => {
      const rows = async () => (await ctx.services.database.db.selectFrom('newsletter_subscribers').select('id').execute()).length;
      const mails = (await sentMail(ctx)).length;
      const count = await rows();
      const cases: [string, RequestInit, number, RegExp][] = [
        ['/zh-hans/newsletter', form({}), 422, /此项必须填写。[\s\S]*订阅前请阅读并勾选同意使用条款/],
        ['/en/newsletter', form({ email: '<script>alert(1)</script>', language: 'en', terms: 'yes' }), 422, /&lt;script&gt;/],
        ['/en/newsletter', form({ email: 'a@example.org', language: 'fr', terms: 'yes' }), 422, /Choose the language/],
        ['/zh-hant/newsletter', form({ email: 'a@example.org', language: 'en', terms: 'no' }), 422, /同意使用條款/],
        [
          '/en/newsletter',
          form({ email: `${'a'.repeat(20_000)}@example.org`, language: 'en', terms: 'yes' }),
          422,
          /This email address is not valid/,
        ],
        ['/en/newsletter', form({ email: 'a\u202e@example.org', language: 'en', terms: 'yes' }), 422, /direction/],
        ['/en/newsletter', form({ email: 'a@example.org\r\nBcc: x@example.net', language: 'en', terms: 'yes' }), 422, /control/],
        ['/en/newsletter', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'email=a' }, 415, /form or JSON/],
        [
          '/en/newsletter',
          { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x'.repeat(2_000_000) },
          413,
          /1 MB/,
        ],
        ['/en/newsletter/confirm/not-a-token', {}, 404, /This link is not valid/],
        [`/en/newsletter/confirm/${'A'.repeat(43)}`, form({}), 404, /This link is not valid/],
        [`/zh-hans/newsletter/unsubscribe/${'A'.repeat(43)}`, form({ 'List-Unsubscribe': 'One-Click' }), 404, /链接无效/],
      ];
      for (const [path, init, status, text] of cases) {
        const response = await ctx.app.request(path, init);
        assert.equal(response.status, status, `${path} ${String(init.body).slice(0, 40)}`);
        assert.match(await response.text(), text);
      }
      assert.equal(await rows(), count);
      assert.equal((await sentMail(ctx)).length, mails);
    });

    test('nothing about the sender reaches the log: no address, no token, no user agent', async () => {
      await ctx.app.request('/en/newsletter', {
        ...form({ email: 'logged@example.org', language: 'en', terms: 'yes' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Spy/1.0', 'x-forwarded-for': '203.0.113.9' },
      });
      const token = linkIn((await sentMail(ctx)).at(-1)!, 'confirm')
        .split('/')
        .at(-1)!;
      const log = ctx.logs.join('\n');
      for (const secret of ['logged@example.org', token, 'Spy/1.0', '203.0.113.9']) assert.ok(!log.includes(secret), secret);
    });
  });
}
