import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { reconcileInChildProcess } from '../../src/jobs/nightly-reconcile.ts';
import { testEngines } from '../helpers/databases.ts';
import { submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';

for (const engine of testEngines()) {
  describe(`nightly reconciliation in its own process (${engine})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(engine);
    });
    after(async () => {
      await ctx.close();
    });

    test('repairs drift in the shared database and audits it as the system', async () => {
      for (const region of ['北京', '北京市', 'Beijing', undefined]) {
        const receipt = await submitDeclaration(ctx, { names: ['王明华', '李平安'], orgs: ['party'], title: '三退声明', region });
        await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      }
      assert.deepEqual(
        await reconcileInChildProcess(ctx.config),
        { drift: false, total: 8 },
        'regions spelled apart count under one key, as when published',
      );

      const db = ctx.services.database.db;
      await db
        .updateTable('counter_totals')
        .set((eb) => ({ people: eb('people', '+', 1000) }))
        .execute();
      await db.updateTable('daily_breakdown').set({ people: 999 }).where('dimension', '=', 'region').execute();
      assert.deepEqual(await reconcileInChildProcess(ctx.config), { drift: true, total: 8 });

      const totals = await db.selectFrom('counter_totals').select('people').executeTakeFirstOrThrow();
      assert.equal(Number(totals.people), 8);
      const regions = await db
        .selectFrom('daily_breakdown')
        .select(['key', 'people'])
        .where('dimension', '=', 'region')
        .orderBy('key')
        .execute();
      assert.deepEqual(
        regions.map((r) => [r.key, Number(r.people)]),
        [
          ['none', 2],
          ['北京', 6],
        ],
      );
      const audit = await db
        .selectFrom('audit_log')
        .select(['action', 'actor'])
        .where('target_type', '=', 'counts')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor]),
        [
          ['counts.verified', 'system'],
          ['counts.repaired', 'system'],
        ],
      );
    });
  });
}

test('a reconciliation that fails says why: the process sends its error and exits non-zero', async () => {
  const ctx = await createTestContext('sqlite');
  try {
    const unreachable = `sqlite:${join(ctx.config.dataDir, 'missing', 'registry.sqlite')}`;
    await assert.rejects(reconcileInChildProcess({ ...ctx.config, databaseUrl: unreachable }), /^Error: the reconciliation failed: .+/);
  } finally {
    await ctx.close();
  }
});
