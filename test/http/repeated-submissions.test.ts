import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../helpers/databases.ts';
import { countRows, postForm, postJson, receiptFromHtml } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const FORM = { names: '王明华', orgs: ['party', 'league'], behalf: 'self' };
const API_BODY = { names: '李平安', orgs: ['league'] };

/** The one-use token the form page carries. */
async function formToken(ctx: TestContext, locale = 'zh-hans'): Promise<string> {
  const html = await (await ctx.app.request(`/${locale}/declare`)).text();
  const token = /name="submission" value="([0-9a-z]{8}[A-Za-z0-9_-]{22})"/.exec(html)?.[1];
  assert.ok(token, 'the form carries a one-use token');
  return token;
}

async function heldCount(ctx: TestContext): Promise<number> {
  const row = await ctx.services.database.db
    .selectFrom('submission_receipts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const engine of testEngines()) {
  describe(`a declaration is not filed twice by accident (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('a repeated form post with its token files nothing new and leads to the first receipt', async () => {
      const token = await formToken(ctx);
      const before = { declarations: await countRows(ctx, 'declarations'), events: await countRows(ctx, 'declaration_events') };
      const numbers: string[] = [];
      const passwords: string[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await postForm(ctx, '/zh-hans/declare', { ...FORM, submission: token });
        assert.equal(response.status, 303);
        const page = await ctx.app.request(response.headers.get('location')!);
        assert.equal(page.status, 200, `repeat ${i}: its receipt page is shown`);
        const receipt = receiptFromHtml(await page.text());
        numbers.push(receipt.registrationNumber);
        passwords.push(receipt.queryPassword);
      }
      assert.equal(new Set(numbers).size, 1, 'the same registration number every time');
      assert.equal(new Set(passwords).size, 1, 'and the same password, which opens it');
      assert.equal(await countRows(ctx, 'declarations'), before.declarations + 1, 'exactly one row');
      assert.equal(await countRows(ctx, 'declaration_events'), before.events + 1, 'and one event');
      const rows = await ctx.services.database.db
        .selectFrom('declarations')
        .select('id')
        .where('registration_number', '=', numbers[0]!)
        .execute();
      assert.equal(rows.length, 1);
      assert.ok((await ctx.services.declarations.lookup(numbers[0]!, passwords[0]!)).ok);
      const counter = await ctx.app.request('/api/v1/counter');
      assert.equal(counter.status, 200);
    });

    test('the receipt page is shown once: a reload gets a localized page without the receipt', async () => {
      for (const [locale, title] of [
        ['zh-hans', '回执已经显示过'],
        ['zh-hant', '回執已經顯示過'],
        ['en', 'Receipt already shown'],
      ] as const) {
        const response = await postForm(ctx, `/${locale}/declare`, { ...FORM, submission: await formToken(ctx, locale) });
        const location = response.headers.get('location')!;
        const first = await ctx.app.request(location);
        assert.equal(first.status, 200);
        const { queryPassword, registrationNumber } = receiptFromHtml(await first.text());
        const again = await ctx.app.request(location);
        assert.equal(again.status, 410, `${locale}: a used reference is gone`);
        assert.equal(again.headers.get('cache-control'), 'no-store');
        const html = await again.text();
        assert.match(html, new RegExp(title));
        assert.ok(!html.includes(queryPassword) && !html.includes(`${registrationNumber.slice(0, 4)} `), `${locale}: no receipt shown`);
        assert.doesNotMatch(html, /id="query-password"/);
      }
      const unknown = await ctx.app.request('/en/declare/receipt/019af5c2-0000-7000-8000-000000000000.AAAAAAAAAAAAAAAAAAAAAA');
      assert.equal(unknown.status, 410);
      assert.equal((await ctx.app.request('/en/declare/receipt/not-a-reference')).status, 410);
    });

    test('a repeat after the receipt was shown gets it once more, under a new reference', async () => {
      const token = await formToken(ctx);
      const first = await postForm(ctx, '/zh-hans/declare', { ...FORM, submission: token });
      const shown = receiptFromHtml(await (await ctx.app.request(first.headers.get('location')!)).text());
      const rows = await countRows(ctx, 'declarations');
      const repeat = await postForm(ctx, '/zh-hans/declare', { ...FORM, submission: token });
      assert.notEqual(repeat.headers.get('location'), first.headers.get('location'));
      assert.equal((await ctx.app.request(first.headers.get('location')!)).status, 410, 'the first reference stays used');
      const again = receiptFromHtml(await (await ctx.app.request(repeat.headers.get('location')!)).text());
      assert.deepEqual(again, shown);
      assert.equal(await countRows(ctx, 'declarations'), rows);
    });

    test('concurrent posts of one token file one declaration', async () => {
      const token = await formToken(ctx);
      const rows = await countRows(ctx, 'declarations');
      const answers = await Promise.all(Array.from({ length: 6 }, () => postForm(ctx, '/en/declare', { ...FORM, submission: token })));
      assert.ok(answers.every((answer) => answer.status === 303));
      const numbers = new Set<string>();
      for (const answer of answers) {
        numbers.add(receiptFromHtml(await (await ctx.app.request(answer.headers.get('location')!)).text()).registrationNumber);
      }
      assert.equal(numbers.size, 1);
      assert.equal(await countRows(ctx, 'declarations'), rows + 1);
    });

    test('a form without a token (a mirror’s, say) still files and shows its receipt, and is not deduplicated', async () => {
      const rows = await countRows(ctx, 'declarations');
      for (const fields of [FORM, { ...FORM, submission: 'not a token' }]) {
        const response = await postForm(ctx, '/en/declare', fields);
        assert.equal(response.status, 303);
        const page = await ctx.app.request(response.headers.get('location')!);
        assert.ok(receiptFromHtml(await page.text()).registrationNumber);
      }
      assert.equal(await countRows(ctx, 'declarations'), rows + 2);
    });

    test('nothing held in the clear: the password, the token and the reference appear nowhere in the held rows', async () => {
      const token = await formToken(ctx);
      const response = await postForm(ctx, '/en/declare', { ...FORM, submission: token });
      const location = response.headers.get('location')!;
      const receipt = receiptFromHtml(await (await ctx.app.request(location)).text());
      const held = JSON.stringify(await ctx.services.database.db.selectFrom('submission_receipts').selectAll().execute());
      for (const secret of [receipt.queryPassword.replace(/-/g, ''), receipt.registrationNumber, token, location.split('.').pop()!]) {
        assert.ok(!held.includes(secret), 'held rows keep secrets sealed or hashed');
      }
    });

    test('API: the same Idempotency-Key with the same body returns the same 201, another body a 422', async () => {
      const key = { 'idempotency-key': '7a1f2c3e-1111-4a4a-9b9b-abcdefabcdef' };
      const rows = await countRows(ctx, 'declarations');
      const first = await postJson(ctx, '/api/v1/declarations', API_BODY, key);
      assert.equal(first.status, 201);
      const body = await first.text();
      const again = await postJson(ctx, '/api/v1/declarations', API_BODY, key);
      assert.equal(again.status, 201);
      assert.equal(await again.text(), body, 'byte for byte the first answer');
      assert.equal(await countRows(ctx, 'declarations'), rows + 1);

      const other = await postJson(ctx, '/api/v1/declarations', { ...API_BODY, headcount: 2 }, { ...key, 'accept-language': 'en' });
      assert.equal(other.status, 422);
      assert.equal(other.headers.get('cache-control'), 'no-store');
      const error = (await other.json()) as { error: { code: string; message: string; fields: object } };
      assert.equal(error.error.code, 'idempotency.keyReused');
      assert.match(error.error.message, /Idempotency-Key/);
      assert.deepEqual(error.error.fields, {});
      assert.equal(await countRows(ctx, 'declarations'), rows + 1, 'the other body filed nothing');

      // A key is the client's: the form's token space and the API's do not meet.
      const plain = await postJson(ctx, '/api/v1/declarations', API_BODY);
      assert.equal(plain.status, 201);
      assert.notEqual(await plain.text(), body, 'without a key, every request files');
      assert.equal(await countRows(ctx, 'declarations'), rows + 2);
    });

    test('API: concurrent requests with one key file one declaration and all get its 201', async () => {
      const key = { 'idempotency-key': '"c0ffee00-2222-4b4b-8c8c-123412341234"' };
      const rows = await countRows(ctx, 'declarations');
      const answers = await Promise.all(Array.from({ length: 6 }, () => postJson(ctx, '/api/v1/declarations', API_BODY, key)));
      assert.ok(answers.every((answer) => answer.status === 201));
      const bodies = new Set(await Promise.all(answers.map((answer) => answer.text())));
      assert.equal(bodies.size, 1);
      assert.equal(await countRows(ctx, 'declarations'), rows + 1);
    });

    test('API: an unusable Idempotency-Key is a 400 that files nothing', async () => {
      const rows = await countRows(ctx, 'declarations');
      for (const value of ['short', 'has space inside the key 123', 'x'.repeat(256)]) {
        const response = await postJson(ctx, '/api/v1/declarations', API_BODY, { 'idempotency-key': value });
        assert.equal(response.status, 400, value);
        assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'idempotency.keyInvalid');
      }
      assert.equal(await countRows(ctx, 'declarations'), rows);
      assert.ok((await heldCount(ctx)) > 0);
    });
  });
}
