import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { formatQueryPassword } from '../../src/domain/declaration/query-password.ts';
import { testEngines } from '../helpers/databases.ts';
import { postForm, postJson, submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';

async function events(ctx: TestContext, registrationNumber: string) {
  return ctx.services.database.db
    .selectFrom('declaration_events')
    .innerJoin('declarations', 'declarations.id', 'declaration_events.declaration_id')
    .select(['declaration_events.kind', 'declaration_events.actor', 'declaration_events.reason'])
    .where('declarations.registration_number', '=', registrationNumber)
    .orderBy('declaration_events.id')
    .execute();
}

for (const engine of testEngines()) {
  describe(`receipts: checking and retracting (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('the lookup page asks for both secrets, uncached', async () => {
      for (const locale of ['zh-hans', 'zh-hant', 'en']) {
        const response = await ctx.app.request(`/${locale}/receipt`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('cache-control'), 'no-store');
        const html = await response.text();
        assert.match(html, /name="registrationNumber"/);
        assert.match(html, /name="queryPassword"[^>]*type="password"|type="password"[^>]*name="queryPassword"/);
      }
    });

    test('a pending receipt shows "pending" in every language', async () => {
      const receipt = await submitDeclaration(ctx);
      const expected = { 'zh-hans': '等待审核', 'zh-hant': '等待審核', en: 'Awaiting review' };
      for (const [locale, text] of Object.entries(expected)) {
        const response = await postForm(ctx, `/${locale}/receipt`, receipt);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('cache-control'), 'no-store');
        const html = await response.text();
        assert.match(html, /data-status="pending"/);
        assert.match(html, new RegExp(text));
      }
    });

    test('the receipt accepts the grouped, spaced, lower-case forms people copy', async () => {
      const receipt = await submitDeclaration(ctx);
      const response = await postForm(ctx, '/en/receipt', {
        registrationNumber: receipt.registrationNumber.replace(/(\d{4})/g, '$1 '),
        queryPassword: formatQueryPassword(receipt.queryPassword).toLowerCase(),
      });
      assert.equal(response.status, 200);
    });

    test('a wrong password and an unknown number get the same localized refusal', async () => {
      const receipt = await submitDeclaration(ctx);
      const wrongPassword = await postForm(ctx, '/zh-hans/receipt', { ...receipt, queryPassword: 'A'.repeat(20) });
      const unknownNumber = await postForm(ctx, '/zh-hans/receipt', {
        registrationNumber: '4111111111111111',
        queryPassword: receipt.queryPassword,
      });
      for (const response of [wrongPassword, unknownNumber]) {
        assert.equal(response.status, 422);
        assert.match(await response.text(), /登记号或查询密码不正确/);
      }
    });

    test('rejection reason and feedback reach the declarant through the receipt', async () => {
      const receipt = await submitDeclaration(ctx);
      const outcome = await ctx.services.moderation.reject(SYSTEM_ACTOR, [receipt.registrationNumber], '包含真实电话号码，请删除后重交');
      assert.deepEqual(outcome.ok && outcome.value.done, [receipt.registrationNumber]);
      const html = await (await postForm(ctx, '/zh-hans/receipt', receipt)).text();
      assert.match(html, /data-status="rejected"/);
      assert.match(html, /包含真实电话号码，请删除后重交/);

      const json = await (await postJson(ctx, '/api/v1/receipts/lookup', receipt)).json();
      assert.equal(json.status, 'rejected');
      assert.equal(json.rejectReason, '包含真实电话号码，请删除后重交');
    });

    test('approval feedback is shown, with a link to the permalink', async () => {
      const receipt = await submitDeclaration(ctx);
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber], '感谢您的勇气');
      const html = await (await postForm(ctx, '/en/receipt', receipt)).text();
      assert.match(html, /data-status="published"/);
      assert.match(html, /感谢您的勇气/);
      assert.match(html, new RegExp(`href="/en/declarations/${receipt.registrationNumber}"`));
    });

    test('retracting through the pages: confirm, then 303, then recorded as an event', async () => {
      const receipt = await submitDeclaration(ctx);
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);

      const confirm = await postForm(ctx, '/zh-hans/receipt/retract', receipt);
      assert.equal(confirm.status, 200);
      assert.equal(confirm.headers.get('cache-control'), 'no-store');
      const confirmHtml = await confirm.text();
      assert.match(confirmHtml, /name="confirm" value="yes"/);
      assert.equal(
        (await ctx.app.request(`/en/declarations/${receipt.registrationNumber}`)).status,
        200,
        'still published before confirming',
      );

      const done = await postForm(ctx, '/zh-hans/receipt/retract', { ...receipt, confirm: 'yes' });
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), '/zh-hans/receipt/retracted');
      const page = await ctx.app.request('/zh-hans/receipt/retracted');
      assert.match(await page.text(), /声明已撤回/);

      assert.equal((await ctx.app.request(`/en/declarations/${receipt.registrationNumber}`)).status, 404);
      const status = await (await postForm(ctx, '/en/receipt', receipt)).text();
      assert.match(status, /data-status="retracted"/);
      assert.doesNotMatch(status, /receipt\/retract"/, 'no retract button once retracted');
      assert.deepEqual(
        (await events(ctx, receipt.registrationNumber)).map((event) => event.kind),
        ['submitted', 'published', 'retracted'],
      );
      const row = await ctx.services.database.db
        .selectFrom('declarations')
        .select(['status', 'names'])
        .where('registration_number', '=', receipt.registrationNumber)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'retracted', 'the row stays: a retraction is recorded, not deleted');
    });

    test('retracting twice is refused, and a replayed confirmation changes nothing', async () => {
      const receipt = await submitDeclaration(ctx);
      assert.equal((await postForm(ctx, '/en/receipt/retract', { ...receipt, confirm: 'yes' })).status, 303);
      const replay = await postForm(ctx, '/en/receipt/retract', { ...receipt, confirm: 'yes' });
      assert.equal(replay.status, 422);
      assert.match(await replay.text(), /already been withdrawn/);
      assert.equal((await events(ctx, receipt.registrationNumber)).filter((e) => e.kind === 'retracted').length, 1);
    });

    test('a forged retraction with a wrong password changes nothing', async () => {
      const receipt = await submitDeclaration(ctx);
      const forged = await postForm(ctx, '/en/receipt/retract', {
        registrationNumber: receipt.registrationNumber,
        queryPassword: '0000-0000-0000-0000-0000',
        confirm: 'yes',
      });
      assert.equal(forged.status, 422);
      const json = await (await postJson(ctx, '/api/v1/receipts/lookup', receipt)).json();
      assert.equal(json.status, 'pending');
    });

    test('API: lookup and retract with the documented shapes and codes', async () => {
      const receipt = await submitDeclaration(ctx);
      const lookup = await postJson(ctx, '/api/v1/receipts/lookup', receipt);
      assert.equal(lookup.status, 200);
      assert.equal(lookup.headers.get('cache-control'), 'no-store');
      const body = await lookup.json();
      assert.deepEqual(Object.keys(body).sort(), [
        'feedback',
        'registrationNumber',
        'rejectReason',
        'status',
        'statusChangedAt',
        'submittedAt',
      ]);
      assert.equal(body.status, 'pending');

      const retract = await postJson(ctx, '/api/v1/receipts/retract', receipt);
      assert.equal(retract.status, 200);
      assert.equal((await retract.json()).status, 'retracted');

      const again = await postJson(ctx, '/api/v1/receipts/retract', receipt, { 'accept-language': 'en' });
      assert.equal(again.status, 409);
      assert.equal((await again.json()).error.code, 'receipt.alreadyRetracted');

      const wrong = await postJson(
        ctx,
        '/api/v1/receipts/lookup',
        { ...receipt, queryPassword: 'Z'.repeat(20) },
        {
          'accept-language': 'zh-TW',
        },
      );
      assert.equal(wrong.status, 404);
      const error = (await wrong.json()).error;
      assert.equal(error.code, 'receipt.invalid');
      assert.match(error.message, /登記號或查詢密碼不正確/);
    });

    test('API: malformed credentials are 422 or 400, never 500', async () => {
      for (const body of [{}, { registrationNumber: 5, queryPassword: [] }, { registrationNumber: 'x'.repeat(1000), queryPassword: 'y' }]) {
        const response = await postJson(ctx, '/api/v1/receipts/lookup', body);
        assert.equal(response.status, 422);
        assert.equal((await response.json()).error.code, 'receipt.invalid');
      }
      const broken = await ctx.app.request('/api/v1/receipts/retract', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"registrationNumber":',
      });
      assert.equal(broken.status, 400);
      const wrongType = await ctx.app.request('/api/v1/receipts/lookup', { method: 'POST', body: 'a=b' });
      assert.equal(wrongType.status, 415);
    });
  });
}
