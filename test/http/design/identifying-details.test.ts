import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOCALES } from '../../../src/i18n/index.ts';
import { testEngines } from '../../helpers/databases.ts';
import { countRows, formBody, postForm, receiptPageAfter } from '../../helpers/requests.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

const PHONE = '13800138000';
const FORM = { names: '安宁', orgs: 'league', statement: `有事请打 ${PHONE}` };

/** A declaration that could identify its author is asked about before it is filed (issue 26). */
for (const engine of testEngines()) {
  describe(`identifying details on the form (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    for (const locale of LOCALES) {
      test(`${locale}: a phone number is asked about, nothing is filed, and the warning names only the kind`, async () => {
        const before = await countRows(ctx, 'declarations');
        const response = await postForm(ctx, `/${locale}/declare`, FORM);
        assert.equal(response.status, 422);
        const html = await response.text();
        const warning = /<div[^>]*id="identifying"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[0] ?? '';
        assert.match(warning, /role="alert"[^>]*tabindex="-1"[^>]*autofocus=""/);
        assert.match(warning, /电话号码|電話號碼|a phone number/);
        assert.match(warning, /<button type="submit" form="declare-form" name="anyway" value="yes"/);
        assert.ok(!warning.includes(PHONE), 'the warning does not repeat what it found');
        assert.match(html, /<form [^>]*id="declare-form"/);
        assert.ok(html.includes(PHONE), 'the statement is kept in its field to edit');
        assert.equal(await countRows(ctx, 'declarations'), before, 'nothing filed');
      });
    }

    test('"submit anyway" files it; an edited statement goes through without asking', async () => {
      const before = await countRows(ctx, 'declarations');
      const anyway = await postForm(ctx, '/zh-hans/declare', { ...FORM, anyway: 'yes' });
      assert.match(await receiptPageAfter(ctx, anyway), /您的回执/);
      const edited = await postForm(ctx, '/zh-hans/declare', { ...FORM, statement: '有事请通过服务中心联系我。' });
      assert.equal(edited.status, 303);
      assert.equal(await countRows(ctx, 'declarations'), before + 2);
    });

    test('an address, an ID number and a mainland mail contact are named, each once', async () => {
      const html = await (
        await postForm(ctx, '/en/declare', {
          ...FORM,
          statement: '家住中山路 12 号，身份证 11010519491231002X',
          contact: 'someone@qq.com',
        })
      ).text();
      const warning = /id="identifying"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
      assert.deepEqual(
        [...warning.matchAll(/<li><a href="(#\w+)">([^<]+)<\/a><\/li>/g)].map((match) => match[1]),
        ['#statement', '#statement', '#contact'],
      );
      assert.match(warning, /street address/);
      assert.match(warning, /ID card number/);
      assert.match(warning, /mainland Chinese provider/);
    });

    test('over HTTP the submission lane leaves such a post to the form, and files it when told to', async () => {
      const server = await ctx.listen();
      try {
        const post = (fields: Record<string, string>) =>
          fetch(`${server.url}/en/declare`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: formBody(fields).toString(),
          });
        const asked = await post(FORM);
        assert.equal(asked.status, 422);
        assert.match(await asked.text(), /id="identifying"/);
        const filed = await post({ ...FORM, anyway: 'yes' });
        assert.equal(filed.status, 303);
      } finally {
        await server.close();
      }
    });
  });
}
