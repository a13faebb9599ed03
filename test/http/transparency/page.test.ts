import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { transparencyMessages } from '../../../src/http/public/transparency/messages.ts';
import { LOCALES } from '../../../src/i18n/index.ts';
import { SYSTEM_ACTOR } from '../../../src/domain/staff/permissions.ts';
import { testEngines } from '../../helpers/databases.ts';
import { submitDeclaration } from '../../helpers/requests.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

for (const engine of testEngines()) {
  describe(`the transparency page (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('says what is proven and what is not, shows the latest checkpoint and key, in each language, small and self-contained', async () => {
      const receipt = await submitDeclaration(ctx, { names: '明德' });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      const before = await (await ctx.app.request('/en/transparency')).text();
      assert.match(before, /<dt>Published changes not yet in the log<\/dt><dd>1<\/dd>/);
      await ctx.services.log.publish();
      const checkpoint = await ctx.services.log.checkpoint();
      for (const locale of LOCALES) {
        const response = await ctx.app.request(`/${locale}/transparency`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('cache-control'), 'public, max-age=60');
        const html = await response.text();
        const m = transparencyMessages(locale);
        for (const text of [
          m.proven.heading,
          m.notProven.heading,
          m.notProven.items[0]!,
          m.check.heading,
          ctx.services.log.verifierKey,
          checkpoint.root,
        ])
          assert.ok(html.includes(text), `${locale}: ${text.slice(0, 30)}`);
        assert.ok(html.includes(`<dd>1</dd>`), 'the size');
        assert.ok(Buffer.byteLength(html) < 30_000, `${locale}: ${Buffer.byteLength(html)} bytes`);
        assert.doesNotMatch(html, /(?:src|href|action)="(?:https?:)?\/\//, 'nothing from another origin');
        assert.match(html, /href="\/log\/checkpoint"/);
      }
    });
  });
}
