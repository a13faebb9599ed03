import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { createServices, KeysMissingError } from '../../../src/composition.ts';
import { logKeyPath } from '../../../src/crypto/log-key.ts';
import { SYSTEM_ACTOR } from '../../../src/domain/staff/permissions.ts';
import { testEngines } from '../../helpers/databases.ts';
import { submitDeclaration } from '../../helpers/requests.ts';
import { createTestContext } from '../../helpers/test-context.ts';

for (const engine of testEngines()) {
  describe(`the log's signing key (${engine})`, () => {
    test('a lost key is refused once the log has checkpoints, and no new key is kept', async () => {
      const ctx = await createTestContext(engine);
      try {
        const receipt = await submitDeclaration(ctx, { names: '明德' });
        await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
        await ctx.services.log.publish();
        rmSync(logKeyPath(ctx.dir));
        await assert.rejects(
          createServices(ctx.config, { migrate: false }),
          (error) => error instanceof KeysMissingError && /log-signing\.key/.test(error.message),
        );
        assert.ok(!existsSync(logKeyPath(ctx.dir)), 'the key made by the refused start is gone');
      } finally {
        await ctx.close();
      }
    });
  });
}
