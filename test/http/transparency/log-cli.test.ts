import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { logKeyPath } from '../../../src/crypto/log-key.ts';
import { signerFromSeed, verifierKey } from '../../../src/domain/log/note.ts';
import { SYSTEM_ACTOR } from '../../../src/domain/staff/permissions.ts';
import { runCliInProcess } from '../../helpers/cli.ts';
import { testEngines } from '../../helpers/databases.ts';
import { postJson, submitDeclaration } from '../../helpers/requests.ts';
import { createTestContext, makeTempDir, type TestContext } from '../../helpers/test-context.ts';

/** Every file under a directory, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)],
  );
}

for (const engine of testEngines()) {
  describe(`tuidang log (${engine})`, () => {
    let ctx: TestContext;
    let env: Record<string, string>;
    const cli = (...args: string[]) => runCliInProcess(['log', ...args], env);
    before(async () => {
      ctx = await createTestContext(engine);
      env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
    });
    after(() => ctx.close());

    test('the key is made on first start, owner-only, and printed as a signed-note verifier key', async () => {
      assert.equal(statSync(logKeyPath(ctx.dir)).mode & 0o777, 0o600);
      const printed = await cli('key');
      assert.equal(printed.code, 0);
      assert.equal(printed.stdout.trim(), ctx.services.log.verifierKey);
      assert.match(printed.stdout, /^[^+\s]+\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*\n$/);
    });

    test('publish, mirror and verify: the verified total is the counter total; a flipped byte, a fork or a wrong key is rejected', async () => {
      const receipts = [];
      for (let i = 0; i < 300; i++)
        receipts.push(
          await submitDeclaration(ctx, {
            names: `${'明德安宁志远长青春华秋实万顺和平'[i % 16]}${'光明正大自由平安喜乐天地人和东南西北春夏'[Math.floor(i / 16)]}`,
            headcount: 1 + (i % 3),
            orgs: i % 2 ? ['party'] : ['league'],
          }),
        );
      await ctx.services.moderation.approve(
        SYSTEM_ACTOR,
        receipts.slice(0, 290).map((r) => r.registrationNumber),
      );
      await postJson(ctx, '/api/v1/receipts/retract', receipts[0]);
      const published = await cli('publish');
      assert.equal(published.code, 0, published.stderr);
      assert.match(published.stdout, /Log published: 289 new entries, 289 leaves\./);
      // The full tile's inner nodes were stored with it, for proofs.
      const nodes = await cli('index-tiles', '--verify');
      assert.equal(nodes.code, 0, nodes.stderr);
      assert.match(nodes.stdout, /Checked the nodes of 1 tiles: 0 differ; 0 full tiles have none yet\./);
      ctx.clock.advance(1100);
      const counter = (await (await ctx.app.request('/api/v1/counter')).json()) as {
        total: number;
        log: { pending: number; size: number };
      };
      assert.deepEqual(counter.log.pending, 0);

      const key = (await cli('key')).stdout.trim();
      const mirror = makeTempDir();
      const state = join(makeTempDir(), 'state.json');
      assert.equal((await cli('mirror', '--out', mirror)).code, 0);
      assert.ok(filesUnder(mirror).includes(join('tile', '0', '000')), 'a full level-0 tile');
      assert.ok(filesUnder(mirror).includes(join('tile', 'entries', '001.p', '33')), 'the partial entry bundle');

      const verified = await cli('verify', '--url', mirror, '--key', key, '--state', state);
      assert.equal(verified.code, 0, verified.stderr);
      assert.match(verified.stdout, new RegExp(`People in statements held here: ${counter.total}\\n`));
      assert.match(verified.stdout, /Statements: 289 \(289 declared, 0 withdrawn\)/);
      assert.match(verified.stderr, /log verify: 289 of 289 leaves/);

      // Over HTTP from the service itself, with the state of the first run: consistent, and it grew.
      await ctx.services.moderation.approve(
        SYSTEM_ACTOR,
        receipts.slice(290).map((r) => r.registrationNumber),
      );
      await postJson(ctx, '/api/v1/receipts/retract', receipts[1]);
      assert.equal((await cli('publish')).code, 0);
      ctx.clock.advance(1100);
      const grown = (await (await ctx.app.request('/api/v1/counter')).json()) as { total: number };
      const server = await ctx.listen();
      try {
        const again = await cli('verify', '--url', server.url, '--state', state);
        assert.equal(again.code, 0, again.stderr);
        assert.match(again.stdout, /Consistent with the checkpoint saved before \(289 leaves\)/);
        assert.match(again.stdout, new RegExp(`People in statements held here: ${grown.total}\\n`));
        assert.match(again.stdout, /Statements: 298 \(299 declared, 1 withdrawn\)/);
      } finally {
        await server.close();
      }

      // One byte flipped in a mirrored hash tile.
      const tile = join(mirror, 'tile', '0', '000');
      const bytes = readFileSync(tile);
      bytes[100] = bytes[100]! ^ 0x01;
      writeFileSync(tile, bytes);
      const tampered = await cli('verify', '--url', mirror, '--key', key);
      assert.equal(tampered.code, 1);
      assert.match(tampered.stderr, /LOG REJECTED: hash tile 0\/0 \(width 256\) differs/);
      bytes[100] = bytes[100]! ^ 0x01;
      writeFileSync(tile, bytes);

      // An older mirror than the state has seen, and a state whose checkpoint was forked.
      const shrunk = await cli('verify', '--url', mirror, '--state', state);
      assert.equal(shrunk.code, 1);
      assert.match(shrunk.stderr, /LOG REJECTED: the log shrank/);
      const saved = JSON.parse(readFileSync(state, 'utf8')) as { key: string; checkpoint: string };
      const lines = saved.checkpoint.split('\n');
      lines[1] = '289';
      lines[2] = Buffer.alloc(32, 7).toString('base64');
      writeFileSync(state, JSON.stringify({ ...saved, checkpoint: lines.join('\n') }));
      const forked = await cli('verify', '--url', mirror, '--state', state);
      assert.equal(forked.code, 1);
      assert.match(forked.stderr, /LOG REJECTED: the log is not consistent with the checkpoint saved before/);

      // A key of the same name that did not sign it.
      const stranger = verifierKey(signerFromSeed(ctx.services.log.origin, Buffer.alloc(32, 3)));
      const wrongKey = await cli('verify', '--url', mirror, '--key', stranger);
      assert.equal(wrongKey.code, 1);
      assert.match(wrongKey.stderr, /LOG REJECTED: the checkpoint of .* does not verify/);
      const noKey = await cli('verify', '--url', mirror);
      assert.equal(noKey.code, 2);
    });
  });
}
