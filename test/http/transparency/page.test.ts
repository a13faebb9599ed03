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

    test("a statement's permalink shows its leaf, salt and proof once a batch has logged it", async () => {
      const receipt = await submitDeclaration(ctx, { names: '安宁', headcount: 2 });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      const path = `/en/declarations/${receipt.registrationNumber}`;
      const waiting = await (await ctx.app.request(path)).text();
      assert.ok(waiting.includes(transparencyMessages('en').permalink.pending));
      await ctx.services.log.publish();
      // Kept pages see the batch when they next check the public pages' version.
      ctx.clock.advance(1100);
      await ctx.app.request(path);
      ctx.clock.advance(1100);
      const logged = await (await ctx.app.request(path)).text();
      const proof = (await (await ctx.app.request(`/api/v1/declarations/${receipt.registrationNumber}/proof`)).json()) as {
        leafIndex: number;
        salt: string;
      };
      assert.ok(!logged.includes(transparencyMessages('en').permalink.pending));
      assert.ok(logged.includes(`<code>${proof.salt}</code>`));
      assert.match(logged, new RegExp(`<dt>Entry number</dt><dd>${proof.leafIndex}</dd>`));
      assert.ok(logged.includes(`href="/api/v1/declarations/${receipt.registrationNumber}/proof"`));
    });
  });
}
