import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KeysMissingError, createServices } from '../../src/main.ts';
import { testEngines } from '../helpers/databases.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

for (const engine of testEngines()) {
  describe(`a data dir whose keys were not restored with the database (${engine})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(engine);
    });
    after(() => ctx.close());

    test('an empty registry gets its keys; one with declarations refuses to start and keeps no new key', async () => {
      const receiptKey = join(ctx.dir, 'keys', 'receipt.key');
      assert.ok(existsSync(receiptKey), 'keys are made on first start');
      const receipt = await ctx.services.declarations.submit(
        { names: ['王明华'], headcount: 1, orgs: ['league'], title: undefined, region: undefined, statement: undefined, behalf: 'self', consent: true, contact: undefined },
        { channel: 'api', locale: 'zh-hans' },
      );

      rmSync(receiptKey);
      rmSync(join(ctx.dir, 'keys', 'contact.key'));
      await assert.rejects(createServices(ctx.config), KeysMissingError);
      assert.ok(!existsSync(receiptKey), 'the key made in vain is removed, so the next start fails too');
      assert.ok(!existsSync(join(ctx.dir, 'keys', 'contact.key')));
      await assert.rejects(createServices(ctx.config), KeysMissingError);

      // Its own receipts still work on the running service, whose keys are in memory.
      assert.equal((await ctx.services.declarations.lookup(receipt.registrationNumber, receipt.queryPassword)).ok, true);
    });
  });
}
