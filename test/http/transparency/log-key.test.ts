import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createServices, KeysMissingError } from '../../../src/composition.ts';
import { createApp } from '../../../src/http/app.ts';
import { PreparedRoutes } from '../../../src/http/fast-lane/prepared-routes.ts';
import { createLogger } from '../../../src/logging/logger.ts';
import { logKeyPath } from '../../../src/crypto/log-key.ts';
import { SYSTEM_ACTOR } from '../../../src/domain/staff/permissions.ts';
import { runCliInProcess } from '../../helpers/cli.ts';
import { testEngines } from '../../helpers/databases.ts';
import { submitDeclaration } from '../../helpers/requests.ts';
import { createTestContext, makeTempDir } from '../../helpers/test-context.ts';

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

    test('a key rotation signs with both keys until it is finished, then with the new key alone', async () => {
      const ctx = await createTestContext(engine);
      const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
      const cli = (...args: string[]) => runCliInProcess(['log', ...args], env);
      /** Publishes what is queued, mirrors the log, and verifies the mirror with `key`. */
      const verifyWith = async (key: string) => {
        assert.equal((await cli('publish')).code, 0);
        const mirror = makeTempDir();
        assert.equal((await cli('mirror', '--out', mirror)).code, 0);
        return cli('verify', '--url', mirror, '--key', key);
      };
      const approveOne = async (names: string) => {
        const receipt = await submitDeclaration(ctx, { names });
        await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      };
      try {
        await approveOne('明德');
        const old = (await cli('key')).stdout.trim();
        assert.equal((await verifyWith(old)).code, 0);

        const rotate = await cli('key', '--rotate');
        assert.equal(rotate.code, 0, rotate.stderr);
        const next = rotate.stdout.trim();
        assert.notEqual(next, old);
        const nextFile = readdirSync(join(ctx.dir, 'keys')).find((name) => name.includes('next'))!;
        assert.equal(statSync(join(ctx.dir, 'keys', nextFile)).mode & 0o777, 0o600);
        assert.equal((await cli('key')).stdout, `${old}\n${next}\n`);
        assert.equal((await cli('key', '--rotate')).code, 2, 'one rotation at a time');
        // A server started during the rotation shows both keys on the transparency page.
        const restarted = await createServices(ctx.config, { migrate: false });
        try {
          const app = createApp({
            logger: createLogger('error', { write: () => {} }),
            services: restarted.services,
            prepared: new PreparedRoutes(),
          });
          const page = await (await app.request('/en/transparency')).text();
          assert.ok(page.includes(old) && page.includes(next), 'both keys on the page');
          assert.match(page, /New verifier key/);
        } finally {
          await restarted.close();
        }
        // The checkpoint already served is signed again, and the next one too.
        for (const key of [old, next]) assert.equal((await verifyWith(key)).code, 0, key);
        await approveOne('安宁');
        for (const key of [old, next]) assert.equal((await verifyWith(key)).code, 0, key);

        const finish = await cli('key', '--finish-rotation');
        assert.equal(finish.code, 0, finish.stderr);
        assert.equal(finish.stdout.trim(), next);
        assert.equal((await cli('key')).stdout, `${next}\n`);
        assert.equal((await verifyWith(next)).code, 0);
        const refused = await verifyWith(old);
        assert.equal(refused.code, 1);
        assert.match(refused.stderr, /LOG REJECTED: .*no signature/);
        assert.equal((await cli('key', '--finish-rotation')).code, 2, 'no rotation under way');
        const audited = await ctx.services.database.db
          .selectFrom('audit_log')
          .select('action')
          .where('action', 'like', 'log.keyRotation.%')
          .orderBy('id')
          .execute();
        assert.deepEqual(
          audited.map((row) => row.action),
          ['log.keyRotation.begun', 'log.keyRotation.finished'],
        );
      } finally {
        await ctx.close();
      }
    });
  });
}
