import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { form, linkIn, sentMail, subscriberStatuses } from '../helpers/newsletter.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const WORDS = {
  'subject.zh-hans': '十二月简讯',
  'body.zh-hans': '本月新增声明。\n\n谢谢大家。',
  'subject.zh-hant': '十二月簡訊',
  'body.zh-hant': '本月新增聲明。\n\n謝謝大家。',
  'subject.en': 'December news',
  'body.en': 'New declarations this month.\n\nThank you.',
};

for (const engine of testEngines()) {
  describe(`the newsletter in the console (${engine})`, () => {
    let ctx: TestContext;
    let admin: StaffClient;
    let issuePath: string;

    before(async () => {
      ctx = await createTestContext(engine);
      admin = await signInAs(ctx, 'admin');
      // Two confirmed subscribers, through the public form and the mailed links.
      for (const [email, language] of [
        ['zh@example.org', 'zh-hans'],
        ['en@example.org', 'en'],
      ] as const) {
        await ctx.app.request('/en/newsletter', form({ email, language, terms: 'yes' }));
        await ctx.app.request(linkIn((await sentMail(ctx)).at(-1)!, 'confirm'), form({}));
      }
    });
    after(() => ctx.close());

    test('an admin writes a draft, saves it, previews it; the editor refuses hostile text', async () => {
      const list = await (await admin.get('/console/newsletter')).text();
      assert.match(list, /已确认：2/, 'a full-width colon in Chinese');
      assert.match(await (await admin.get('/console/newsletter?lang=en')).text(), /Confirmed: 2/);
      assert.match(list, /href="\/console\/newsletter"/, 'in the navigation');
      assert.equal((await admin.get('/console/newsletter/new')).status, 200);

      const created = await admin.post('/console/newsletter', { 'subject.zh-hans': '十二月简讯' });
      assert.equal(created.status, 303);
      const location = created.headers.get('location')!;
      assert.match(location, /^\/console\/newsletter-issue\/\d+\?done=created$/);
      assert.match(await (await admin.get(location)).text(), /<p class="notice" role="status" id="notice">草稿已建立。/);
      issuePath = location.replace(/\?.*$/, '');
      assert.doesNotMatch(await (await admin.get(issuePath)).text(), /id="notice"/, 'the notice only after the action');

      const hostile = await admin.post(issuePath, { ...WORDS, 'subject.en': 'line\nbreak', 'body.en': 'x\u202ey' });
      assert.equal(hostile.status, 422);
      const html = await hostile.text();
      assert.match(html, /含有不允许的控制字符或换行/);
      assert.match(html, /含有会改变文字方向的隐藏字符/);
      const huge = await admin.post(issuePath, { ...WORDS, 'body.en': 'x'.repeat(20_001) });
      assert.equal(huge.status, 422);
      assert.match(await huge.text(), /最多 20000 个字/);

      const saved = await admin.post(issuePath, WORDS);
      assert.equal(saved.status, 200);
      const page = await saved.text();
      assert.match(page, /草稿已保存/);
      assert.match(page, /<h3>简体中文：十二月简讯<\/h3>/);
      assert.match(page, /<pre class="example">New declarations this month\.\n\nThank you\.\n\n--\n/);
      assert.match(page, /http:\/\/127\.0\.0\.1:8080\/zh-hant\/newsletter\/unsubscribe\/…/);
      const audit = await ctx.services.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'newsletter.%')
        .execute();
      assert.deepEqual(
        audit.map((row) => row.action),
        ['newsletter.issue.created', 'newsletter.issue.edited'],
      );
    });

    test('sending needs the box ticked, queues one delivery per confirmed subscriber, and shows progress', async () => {
      const unticked = await admin.post(`${issuePath}/send`);
      assert.equal(unticked.status, 422);
      assert.match(await unticked.text(), /请先勾选确认/);
      const sent = await admin.post(`${issuePath}/send`, { confirm: 'yes' });
      assert.equal(sent.status, 303);
      assert.equal(sent.headers.get('location'), `${issuePath}?done=sending`);
      assert.match(await (await admin.get(sent.headers.get('location')!)).text(), /已开始发送。/);
      let page = await (await admin.get(issuePath)).text();
      assert.match(page, /发送中/);
      assert.match(page, /id="count-queued">2</);
      assert.doesNotMatch(page, /id="issue-form"/, 'no editor once sending');
      assert.equal((await admin.post(`${issuePath}/send`, { confirm: 'yes' })).status, 409);
      assert.equal((await admin.post(issuePath, WORDS)).status, 409);

      const report = await ctx.services.newsletter.sendDue(new Date(Date.now() + 1000));
      assert.deepEqual([report.sent, report.finished.length], [2, 1]);
      page = await (await admin.get(issuePath)).text();
      assert.match(page, /已发送/);
      assert.match(page, /id="count-sent">2</);

      const issueMail = (await sentMail(ctx)).filter((mail) => /^(December news|十二月简讯)$/.test(mail.subject ?? ''));
      assert.deepEqual(issueMail.map((mail) => mail.subject).sort(), ['December news', '十二月简讯']);
      const english = issueMail.find((mail) => mail.subject === 'December news')!;
      assert.equal(english.text?.split('\n')[0], 'New declarations this month.');
      const header = english.headerLines.find((line) => line.key === 'list-unsubscribe-post')?.line;
      assert.equal(header, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');

      // The issue's own unsubscribe link: the page asks, the button unsubscribes.
      const link = linkIn(english, 'unsubscribe');
      assert.equal((await ctx.app.request(link)).status, 200);
      assert.deepEqual(await subscriberStatuses(ctx), ['confirmed', 'confirmed']);
      assert.equal((await ctx.app.request(link, form({}))).status, 303);
      assert.deepEqual(await subscriberStatuses(ctx), ['confirmed', 'unsubscribed']);
      const actions = await ctx.services.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'newsletter.%')
        .execute();
      assert.ok(actions.some((row) => row.action === 'newsletter.issue.sent'));
    });

    test('an issue that does not exist is a 404; a draft missing a language is not sent', async () => {
      assert.equal((await admin.get('/console/newsletter-issue/999999')).status, 404);
      assert.equal((await admin.get('/console/newsletter-issue/abc')).status, 404);
      const created = await admin.post('/console/newsletter', { 'subject.en': 'Only English', 'body.en': 'Text' });
      const path = created.headers.get('location')!.replace(/\?.*$/, '');
      const refused = await admin.post(`${path}/send`, { confirm: 'yes' });
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /三种语言的标题和正文都要写好/);
      const editor = await ctx.services.database.db.selectFrom('newsletter_deliveries').select('id').execute();
      assert.equal(editor.length, 2, 'nothing queued');
    });

    test('the English console counts one subscriber and one recipient in the singular', async () => {
      assert.deepEqual(await subscriberStatuses(ctx), ['confirmed', 'unsubscribed']);
      const created = await admin.post('/console/newsletter', WORDS);
      const path = created.headers.get('location')!.replace(/\?.*$/, '');
      assert.match(await (await admin.get(`${path}?lang=en`)).text(), /There is 1 confirmed subscriber now\./);
      assert.equal((await admin.post(`${path}/send`, { confirm: 'yes' })).status, 303);
      const page = await (await admin.get(`${path}?lang=en`)).text();
      assert.match(page, /1 recipient\. At most 50 mails/);
    });
  });
}
