import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOCALES } from '../../../src/i18n/index.ts';
import { testEngines } from '../../helpers/databases.ts';
import { postForm, receiptPageAfter } from '../../helpers/requests.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

/** What people tripped over on the declaration form and its receipt (issue 26), as the server answers it. */
for (const engine of testEngines()) {
  describe(`declaring, as a person meets it (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    for (const locale of LOCALES) {
      test(`${locale}: the alias helper's answers open where their result is, without JavaScript`, async () => {
        const form = await (await ctx.app.request(`/${locale}/declare`)).text();
        assert.match(form, new RegExp(`name="action" value="suggest"[^>]*formaction="/${locale}/declare#suggestions"`));
        const suggested = await postForm(ctx, `/${locale}/declare`, { action: 'suggest', names: '' });
        const html = await suggested.text();
        assert.match(html, /id="suggestions"/);
        assert.match(html, new RegExp(`name="pick"[^>]*formaction="/${locale}/declare#names-field"`));
        assert.match(html, /id="names-field"/);
      });
    }

    test('the receipt says what was declared, keeps both values in one block, and prints without the chrome', async () => {
      const html = await receiptPageAfter(
        ctx,
        await postForm(ctx, '/zh-hans/declare', { names: '王芳\n安宁', orgs: ['league', 'pioneers'], headcount: '4' }),
      );
      const block = /<div class="pair">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
      assert.match(block, /id="registration-number"/);
      assert.match(block, /id="query-password"/);
      const declared = /<dl class="facts" id="declared">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '';
      assert.match(declared, /王芳、安宁/);
      assert.match(declared, /共青团、少先队/);
      assert.match(declared, /4 人/);
      assert.match(html, /@media print\{.*header nav[^{]*\{display:none/);
    });

    test('English and traditional receipts say it in their own words', async () => {
      const en = await receiptPageAfter(ctx, await postForm(ctx, '/en/declare', { names: 'Anna Li', orgs: 'party' }));
      assert.match(en, /What you declared/);
      assert.match(en, /Chinese Communist Party|Communist Party/);
      const hant = await receiptPageAfter(ctx, await postForm(ctx, '/zh-hant/declare', { names: '靜瑞', orgs: 'party' }));
      assert.match(hant, /您聲明的內容/);
      assert.match(hant, /靜瑞/);
    });
  });
}
