import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../../../src/domain/staff/permissions.ts';
import { LOCALES } from '../../../src/i18n/index.ts';
import { testEngines } from '../../helpers/databases.ts';
import { postForm, submitDeclaration } from '../../helpers/requests.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

/** The small things people tripped over (issue 26), as the server answers them. */
for (const engine of testEngines()) {
  describe(`small things on the public pages (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('"not now" on the retract confirmation posts the receipt back to its status page', async () => {
      const receipt = await submitDeclaration(ctx);
      const confirm = await postForm(ctx, '/zh-hans/receipt/retract', receipt);
      const html = await confirm.text();
      assert.match(html, /<button type="submit" class="secondary" formaction="\/zh-hans\/receipt">不撤回，返回<\/button>/);
      // What that button sends: the same hidden fields, to the lookup.
      const status = await postForm(ctx, '/zh-hans/receipt', receipt);
      assert.equal(status.status, 200);
      assert.match(await status.text(), /id="status"[^>]*>等待审核/);
    });

    for (const locale of LOCALES) {
      test(`${locale}: after an error the title says so and the summary takes the focus`, async () => {
        const declare = await (await postForm(ctx, `/${locale}/declare`, { names: '' })).text();
        const lookup = await (await postForm(ctx, `/${locale}/receipt`, { registrationNumber: '1', queryPassword: 'x' })).text();
        for (const html of [declare, lookup]) {
          assert.match(html, /<title>(有错误：|有錯誤：|Error: )/);
          assert.match(html, /id="error-summary"[^>]*role="alert"[^>]*tabindex="-1"[^>]*autofocus=""/);
        }
        const fine = await (await ctx.app.request(`/${locale}/declare`)).text();
        assert.doesNotMatch(fine, /<title>(有错误|有錯誤|Error)/);
      });

      test(`${locale}: every page names its icon and its feed, both from this origin`, async () => {
        const html = await (await ctx.app.request(`/${locale}/declare`)).text();
        assert.match(html, /<link rel="icon" href="\/favicon.svg" type="image\/svg\+xml"\/>/);
        assert.match(html, new RegExp(`<link rel="alternate" type="application/atom\\+xml" href="/${locale}/feeds/latest.atom"`));
        assert.equal((await ctx.app.request(`/${locale}/feeds/latest.atom`)).status, 200);
      });
    }

    test('the icon is a tiny SVG and robots.txt keeps crawlers out of the console and receipts', async () => {
      const icon = await ctx.app.request('/favicon.svg');
      assert.equal(icon.status, 200);
      assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
      assert.ok((await icon.arrayBuffer()).byteLength < 600);
      const robots = await ctx.app.request('/robots.txt');
      assert.match(robots.headers.get('content-type') ?? '', /^text\/plain/);
      const text = await robots.text();
      assert.match(text, /^User-agent: \*$/m);
      assert.match(text, /^Disallow: \/console$/m);
    });

    test('a permalink offers its address in a field to copy, in every language', async () => {
      const receipt = await submitDeclaration(ctx, { names: ['王明华'], orgs: ['league'] });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      const labels = { 'zh-hans': '这份声明的链接', 'zh-hant': '這份聲明的連結', en: 'Link to this statement' };
      for (const locale of LOCALES) {
        const html = await (await ctx.app.request(`/${locale}/declarations/${receipt.registrationNumber}`)).text();
        assert.match(html, new RegExp(`<label for="permalink">${labels[locale]}`));
        const value = /id="permalink" type="text" readonly="" value="([^"]+)"/.exec(html)?.[1] ?? '';
        assert.ok(value.endsWith(`/${locale}/declarations/${receipt.registrationNumber}`), value);
        assert.match(value, /^https?:\/\//);
      }
    });

    test('the home page: a round figure has no empty decimals, the latest list says who and how many', async () => {
      const receipt = await submitDeclaration(ctx, { names: ['李安宁', '张和平'], orgs: ['party'], headcount: 5, region: '湖南' });
      const everyName = await submitDeclaration(ctx, { names: ['王芳', '周明'], orgs: ['league'] });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber, everyName.registrationNumber]);
      const home = await (await ctx.app.request('/zh-hans/')).text();
      assert.match(home, /李安宁、张和平等 5 人 · 湖南</);
      assert.match(home, /王芳、周明 · 2 人</);
      const en = await (await ctx.app.request('/en/')).text();
      const total = /id="counter-total"[^>]*>([^<]+)</.exec(en)?.[1] ?? '';
      assert.equal(en.split(`${total} people`).length - 1, 0, 'the English page does not say the count twice');
    });
  });
}
