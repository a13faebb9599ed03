import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOCALES } from '../../src/i18n/index.ts';
import { simplifiedToTaiwan } from '../../src/i18n/script-converter.ts';
import { testEngines } from '../helpers/databases.ts';
import { countRows, postForm, receiptFromHtml, receiptPageAfter } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const VALID = { names: '张三、李四', orgs: ['party', 'pioneers'], headcount: '3', behalf: 'self' };

for (const engine of testEngines()) {
  describe(`declaration form (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    for (const locale of LOCALES) {
      test(`${locale}: the form renders every documented field, with no-store`, async () => {
        const response = await ctx.app.request(`/${locale}/declare`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('cache-control'), 'no-store');
        const html = await response.text();
        for (const name of ['names', 'orgs', 'headcount', 'title', 'region', 'statement', 'behalf', 'consent', 'contact']) {
          assert.match(html, new RegExp(`name="${name}"`), `field ${name}`);
        }
        for (const org of ['party', 'league', 'pioneers']) assert.match(html, new RegExp(`value="${org}"`));
        // One script, our own file, that only solves the proof of work; the form works without it.
        assert.deepEqual(html.match(/<script[^>]*>/gi), ['<script src="/pow.js" defer="">'], 'no script but our own proof of work');
        assert.ok(Buffer.byteLength(html) < 30 * 1024, `form is ${Buffer.byteLength(html)} bytes`);
      });
    }

    test('the red-scarf hint is shown in every language', async () => {
      const hints = { 'zh-hans': '戴过红领巾', 'zh-hant': '戴過紅領巾', en: 'red scarf' };
      for (const locale of LOCALES) {
        assert.match(await (await ctx.app.request(`/${locale}/declare`)).text(), new RegExp(hints[locale]));
      }
    });

    test('a valid submission shows the receipt once, stores a pending declaration', async () => {
      const before = await countRows(ctx, 'declarations');
      const response = await postForm(ctx, '/zh-hans/declare', VALID);
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const location = response.headers.get('location') ?? '';
      assert.match(location, /^\/zh-hans\/declare\/receipt\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/);
      const page = await ctx.app.request(location);
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      const html = await page.text();
      const receipt = receiptFromHtml(html);
      assert.ok(
        !location.includes(receipt.queryPassword.replace(/-/g, '')) && !location.includes(receipt.registrationNumber),
        'no secret in the URL',
      );
      assert.match(receipt.registrationNumber, /^[1-9][0-9]{15}$/);
      assert.match(receipt.queryPassword, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      assert.match(html, /等待审核/);
      assert.equal(await countRows(ctx, 'declarations'), before + 1);

      const row = await ctx.services.database.db
        .selectFrom('declarations')
        .selectAll()
        .where('registration_number', '=', receipt.registrationNumber)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      assert.equal(row.headcount, 3);
      assert.deepEqual(JSON.parse(row.names), ['张三', '李四']);
      assert.deepEqual([row.party, row.league, row.pioneers].map(Number), [1, 0, 1]);
      assert.equal(row.title, '', 'no title written: readers get a default in their own language');
      assert.equal(row.channel, 'web');
      assert.ok(!row.password_hash.includes(receipt.queryPassword.replace(/-/g, '')), 'password is not stored');
    });

    test('the headcount defaults to the number of names', async () => {
      const html = await receiptPageAfter(ctx, await postForm(ctx, '/en/declare', { names: '王五\n赵六\nAnna Li', orgs: 'league' }));
      const { registrationNumber } = receiptFromHtml(html);
      const row = await ctx.services.database.db
        .selectFrom('declarations')
        .select(['headcount', 'title'])
        .where('registration_number', '=', registrationNumber)
        .executeTakeFirstOrThrow();
      assert.equal(row.headcount, 3);
      assert.equal(row.title, '');
    });

    test('the contact is sealed at rest, never stored in the clear', async () => {
      const html = await receiptPageAfter(ctx, await postForm(ctx, '/en/declare', { ...VALID, contact: 'secret.person@example.org' }));
      const { registrationNumber } = receiptFromHtml(html);
      const row = await ctx.services.database.db
        .selectFrom('declarations')
        .select('contact_sealed')
        .where('registration_number', '=', registrationNumber)
        .executeTakeFirstOrThrow();
      assert.ok(row.contact_sealed?.startsWith('v1.'));
      assert.ok(row.contact_sealed);
      assert.ok(!row.contact_sealed.includes('secret.person'));
    });

    const invalidCases: { name: string; fields: Record<string, string | string[]>; field: string; message: RegExp }[] = [
      { name: 'no names', fields: { ...VALID, names: '' }, field: 'names', message: /至少填写一个/ },
      { name: 'a one-character alias', fields: { ...VALID, names: '张' }, field: 'names', message: /不能用作名字/ },
      { name: 'no organisation', fields: { names: '张三' }, field: 'orgs', message: /至少选择一个组织/ },
      { name: 'an unknown organisation', fields: { names: '张三', orgs: 'army' }, field: 'orgs', message: /党、团、队/ },
      { name: 'headcount below names', fields: { ...VALID, headcount: '1' }, field: 'headcount', message: /不能少于/ },
      { name: 'headcount not a number', fields: { ...VALID, headcount: 'five' }, field: 'headcount', message: /正整数/ },
      { name: 'family without consent', fields: { ...VALID, behalf: 'family' }, field: 'consent', message: /同意/ },
      { name: 'statement too long', fields: { ...VALID, statement: '退'.repeat(5001) }, field: 'statement', message: /5000/ },
      { name: 'bidi override in title', fields: { ...VALID, title: 'abc\u202Edef' }, field: 'title', message: /文字方向/ },
      { name: 'control character', fields: { ...VALID, region: 'a\u0000b' }, field: 'region', message: /控制字符/ },
      { name: 'lone surrogate', fields: { ...VALID, statement: 'x\uD800y' }, field: 'statement', message: /无法识别/ },
      { name: 'bad email', fields: { ...VALID, contact: 'not an email' }, field: 'contact', message: /邮箱格式/ },
      { name: 'unknown behalf', fields: { ...VALID, behalf: 'enemy' }, field: 'behalf', message: /为谁声明/ },
    ];
    for (const { name, fields, field, message } of invalidCases) {
      test(`422 and nothing written: ${name}`, async () => {
        const before = await countRows(ctx, 'declarations');
        const response = await postForm(ctx, '/zh-hans/declare', fields);
        assert.equal(response.status, 422);
        const html = await response.text();
        assert.match(html, new RegExp(`id="${field}-error"[^>]*>[^<]*`), `error shown next to ${field}`);
        assert.match(html, message);
        assert.equal(await countRows(ctx, 'declarations'), before);
      });
    }

    test('errors are localized in each language', async () => {
      const expected = { 'zh-hans': '请至少选择一个组织', 'zh-hant': '請至少選擇一個組織', en: 'Choose at least one organisation' };
      for (const locale of LOCALES) {
        const html = await (await postForm(ctx, `/${locale}/declare`, { names: '张三' })).text();
        assert.match(html, new RegExp(expected[locale]));
      }
    });

    test('a rejected form keeps what the person typed, escaped', async () => {
      const hostile = '<img src=x onerror=alert(1)>"\'';
      const response = await postForm(ctx, '/en/declare', { names: '张三', statement: hostile, title: '" autofocus onfocus="x' });
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.ok(!html.includes('<img src=x'), 'HTML from input is never live');
      assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
      assert.match(html, /value="&quot; autofocus onfocus=&quot;x"/);
    });

    test('hostile HTML and SQL are stored as plain text', async () => {
      const statement = "'); DROP TABLE declarations; -- <script>alert(1)</script>";
      const html = await receiptPageAfter(ctx, await postForm(ctx, '/en/declare', { ...VALID, statement }));
      const { registrationNumber } = receiptFromHtml(html);
      const row = await ctx.services.database.db
        .selectFrom('declarations')
        .select('statement')
        .where('registration_number', '=', registrationNumber)
        .executeTakeFirstOrThrow();
      assert.equal(row.statement, statement);
    });

    test('"suggest" re-renders the form with aliases and writes nothing', async () => {
      const before = await countRows(ctx, 'declarations');
      const response = await postForm(ctx, '/zh-hans/declare', { action: 'suggest', names: '', statement: '我的话' });
      assert.equal(response.status, 200);
      const html = await response.text();
      const picks = [...html.matchAll(/name="pick" value="([^"]+)"/g)].map((m) => m[1]);
      assert.equal(picks.length, 8);
      for (const pick of picks) assert.match(pick!, /^\p{Script=Han}{2}$/u);
      assert.match(html, />我的话</, 'other fields are kept');
      assert.equal(await countRows(ctx, 'declarations'), before);
    });

    test('picking a suggestion adds it to the names', async () => {
      const response = await postForm(ctx, '/zh-hans/declare', { pick: '安宁', names: '张三' });
      assert.equal(response.status, 200);
      assert.match(await response.text(), /<textarea[^>]*name="names"[^>]*>张三\n安宁<\/textarea>/);
    });

    test('zh-hant: a suggestion inserts the alias in the script it is shown in', async () => {
      const response = await postForm(ctx, '/zh-hant/declare', { action: 'suggest', names: '' });
      const chips = [...(await response.text()).matchAll(/name="pick" value="([^"]+)"[^>]*>([^<]+)<\/button>/g)];
      assert.equal(chips.length, 8);
      for (const [, value, label] of chips) {
        assert.equal(value, label, 'the button posts what it shows');
        assert.equal(value, simplifiedToTaiwan(value!), `${value} is in traditional script`);
      }
      const picked = await postForm(ctx, '/zh-hant/declare', { pick: '靜瑞', names: '張三' });
      assert.match(await picked.text(), /<textarea[^>]*name="names"[^>]*>張三\n靜瑞<\/textarea>/);
    });

    test('a forged pick that is not an alias is ignored', async () => {
      const response = await postForm(ctx, '/zh-hans/declare', { pick: '<b>x</b>', names: '张三' });
      assert.match(await response.text(), /name="names"[^>]*>张三<\/textarea>/);
    });

    test('a form in a non-UTF-8 encoding is refused with a clear error', async () => {
      const before = await countRows(ctx, 'declarations');
      const gbkBody = Buffer.concat([Buffer.from('names='), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from('&orgs=party')]);
      const response = await ctx.app.request('/zh-hans/declare', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: gbkBody,
      });
      assert.equal(response.status, 422);
      assert.match(await response.text(), /无法识别/);
      assert.equal(await countRows(ctx, 'declarations'), before);
    });

    test('a declared non-UTF-8 charset is 415', async () => {
      const response = await ctx.app.request('/en/declare', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=gbk' },
        body: 'names=x',
      });
      assert.equal(response.status, 415);
    });

    test('a wrong content type is 415 with a localized page', async () => {
      const response = await ctx.app.request('/zh-hant/declare', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'names=张三',
      });
      assert.equal(response.status, 415);
      assert.match(await response.text(), /請以表單或 JSON 格式提交/);
    });

    test('a body over 1 MB is 413 and writes nothing', async () => {
      const before = await countRows(ctx, 'declarations');
      const response = await postForm(ctx, '/en/declare', { ...VALID, statement: 'x'.repeat(1024 * 1024 + 10) });
      assert.equal(response.status, 413);
      assert.match(await response.text(), /larger than 1 MB/);
      assert.equal(await countRows(ctx, 'declarations'), before);
    });

    test('a multipart form works like a url-encoded one', async () => {
      const form = new FormData();
      form.append('names', '明德');
      form.append('orgs', 'league');
      const response = await ctx.app.request('/en/declare', { method: 'POST', body: form });
      assert.ok(receiptFromHtml(await receiptPageAfter(ctx, response)).registrationNumber);
    });

    test('a file upload in a text field is refused, not stored', async () => {
      const before = await countRows(ctx, 'declarations');
      const form = new FormData();
      form.append('names', new Blob(['张三']), 'names.txt');
      form.append('orgs', 'league');
      const response = await ctx.app.request('/en/declare', { method: 'POST', body: form });
      assert.equal(response.status, 422);
      assert.equal(await countRows(ctx, 'declarations'), before);
    });

    test('field names like __proto__ and constructor are plain fields, and change nothing', async () => {
      const before = await countRows(ctx, 'declarations');
      const response = await ctx.app.request('/en/declare', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '__proto__=x&__proto__=y&constructor=x&toString=a&toString=b&names=%E5%BC%A0%E4%B8%89&orgs=league',
      });
      assert.equal(response.status, 303, 'the declaration itself is valid and stored');
      assert.equal(await countRows(ctx, 'declarations'), before + 1);
    });

    test('a form of 1 MB of repeated fields is answered, not left to block the server', { timeout: 20_000 }, async () => {
      const before = await countRows(ctx, 'declarations');
      const body = `${'orgs=league&'.repeat(80_000)}names=%E5%BC%A0%E4%B8%89`;
      const response = await ctx.app.request('/en/declare', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) },
        body,
      });
      // Over the public body limit; a smaller flood of fields is refused by its count (body-limits.test.ts).
      assert.equal(response.status, 413);
      assert.equal(await countRows(ctx, 'declarations'), before);
    });
  });
}
