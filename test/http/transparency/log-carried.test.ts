import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addDays } from '../../../src/domain/counter/counting-day.ts';
import { SYSTEM_ACTOR } from '../../../src/domain/staff/permissions.ts';
import { legacyPostLines } from '../../../src/tools/seed/legacy-posts.ts';
import { legacyTotalsCsv } from '../../../src/tools/seed/legacy-totals.ts';
import { runCliInProcess } from '../../helpers/cli.ts';
import { testEngines } from '../../helpers/databases.ts';
import { submitDeclaration } from '../../helpers/requests.ts';
import { createTestContext, makeTempDir, type TestContext } from '../../helpers/test-context.ts';

interface Counter {
  total: number;
  inRegistry: number;
  carriedOver: number;
  log: { pending: number; size: number };
}

/** A registry with two statements of its own, and the previous registry's totals and posts as files. */
async function registry(engine: Parameters<typeof createTestContext>[0]) {
  const ctx = await createTestContext(engine);
  const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
  const today = (await ctx.services.counter.read()).day;
  const totals = join(ctx.dir, 'totals.csv');
  writeFileSync(totals, legacyTotalsCsv(addDays(today, -1)));
  const posts = join(ctx.dir, 'posts.jsonl');
  writeFileSync(posts, [...legacyPostLines({ posts: 60, from: addDays(today, -30), until: addDays(today, -1), format: 'jsonl' })].join(''));
  const family = await submitDeclaration(ctx, { names: ['明德', '安宁'], headcount: 5, orgs: ['party'] });
  const single = await submitDeclaration(ctx, { names: '志远', orgs: ['league'] });
  await ctx.services.moderation.approve(SYSTEM_ACTOR, [family.registrationNumber, single.registrationNumber]);
  return { ctx, env, totals, posts };
}

/**
 * Publishes the log, mirrors and verifies it, and checks the verified total and its two parts
 * against the counter's. Returns the verifier's output.
 */
async function publishAndVerify(ctx: TestContext, env: Record<string, string>): Promise<string> {
  const cli = (...args: string[]) => runCliInProcess(['log', ...args], env);
  const published = await cli('publish');
  assert.equal(published.code, 0, published.stderr);
  ctx.clock.advance(1100);
  const counter = (await (await ctx.app.request('/api/v1/counter')).json()) as Counter;
  assert.equal(counter.log.pending, 0);
  const mirror = makeTempDir();
  assert.equal((await cli('mirror', '--out', mirror)).code, 0);
  const verified = await cli('verify', '--url', mirror, '--key', (await cli('key')).stdout.trim());
  assert.equal(verified.code, 0, verified.stderr);
  assert.match(verified.stdout, new RegExp(`People in statements held here: ${counter.inRegistry}\\n`));
  assert.match(verified.stdout, new RegExp(`People carried over from the previous registry: ${counter.carriedOver} `));
  assert.match(verified.stdout, new RegExp(`Verified total: ${counter.total}\\n`));
  return verified.stdout;
}

const carriedEntries = (stdout: string) => Number(/(\d+) carried entries/.exec(stdout)![1]);

for (const engine of testEngines()) {
  describe(`carried-over days in the log, totals first (${engine})`, () => {
    let r: Awaited<ReturnType<typeof registry>>;
    before(async () => {
      r = await registry(engine);
    });
    after(() => r.ctx.close());

    test('after a totals import, each carried-over day is a leaf and the verified total is the counter total', async () => {
      const totals = await runCliInProcess(['history', 'import-totals', r.totals], r.env);
      assert.equal(totals.code, 0, totals.stderr);
      const stdout = await publishAndVerify(r.ctx, r.env);
      const days = Number(/\((\d+) days, /.exec(stdout)![1]);
      assert.ok(days > 6000, `every day since 2004 with people carries over (${days})`);
      assert.equal(carriedEntries(stdout), days);
    });

    test('after the posts import, the days it moved get a later entry, and the totals still agree', async () => {
      const before = carriedEntries(await publishAndVerify(r.ctx, r.env));
      const posts = await runCliInProcess(['history', 'import-posts', r.posts], r.env);
      assert.equal(posts.code, 0, posts.stderr);
      const after = carriedEntries(await publishAndVerify(r.ctx, r.env));
      assert.ok(after > before, `moved days are logged again (${before} → ${after})`);
    });

    test('a re-import of the same totals changes nothing in the log', async () => {
      const size = async () => ((await (await r.ctx.app.request('/api/v1/counter')).json()) as Counter).log.size;
      const before = await size();
      assert.equal((await runCliInProcess(['history', 'import-totals', r.totals], r.env)).code, 0);
      await publishAndVerify(r.ctx, r.env);
      assert.equal(await size(), before);
    });
  });

  describe(`carried-over days in the log, posts only (${engine})`, () => {
    let r: Awaited<ReturnType<typeof registry>>;
    before(async () => {
      r = await registry(engine);
    });
    after(() => r.ctx.close());

    test('after a posts import alone, nothing is carried over and the verified total is the counter total', async () => {
      const posts = await runCliInProcess(['history', 'import-posts', r.posts], r.env);
      assert.equal(posts.code, 0, posts.stderr);
      const stdout = await publishAndVerify(r.ctx, r.env);
      assert.match(stdout, /carried over from the previous registry: 0 \(0 days, 0 carried entries\)/);
    });

    test('a totals import after the posts logs each day less its imported people, and the totals agree', async () => {
      const totals = await runCliInProcess(['history', 'import-totals', r.totals], r.env);
      assert.equal(totals.code, 0, totals.stderr);
      const stdout = await publishAndVerify(r.ctx, r.env);
      assert.equal(carriedEntries(stdout), Number(/\((\d+) days, /.exec(stdout)![1]));
    });
  });
}
