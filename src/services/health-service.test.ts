import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../test/helpers/databases.ts';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { createHealthService } from './health-service.ts';

for (const engine of testEngines()) {
  describe(`readiness (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('ready with the database, the intake writer and the keys', async () => {
      const health = createHealthService({ db: ctx.services.database.db, intakeReady: async () => {}, keys: ctx.services.keys });
      assert.equal(await health.ready(), true);
    });

    test('not ready when the intake writer fails', async () => {
      const health = createHealthService({
        db: ctx.services.database.db,
        intakeReady: () => Promise.reject(new Error('the intake writer stopped')),
        keys: ctx.services.keys,
      });
      assert.equal(await health.ready(), false);
    });

    test('not ready without a key', async () => {
      const health = createHealthService({
        db: ctx.services.database.db,
        intakeReady: async () => {},
        keys: { ...ctx.services.keys, receipt: undefined as unknown as Buffer },
      });
      assert.equal(await health.ready(), false);
    });
  });
}
