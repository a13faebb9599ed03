import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EASIEST, QUIET_PER_MINUTE } from '../../../src/domain/flood/difficulty.ts';
import { spentChallengesRepository } from '../../../src/repositories/spent-challenges-repository.ts';
import { createProofOfWork } from '../../../src/services/flood/proof-of-work.ts';
import { testEngines } from '../../helpers/databases.ts';
import { challengeOf, from, solve, solveWithWorker } from '../../helpers/proof-of-work.ts';
import { formBody } from '../../helpers/requests.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

/*
 * Proof of work and admission classes (docs/security.md, "Flooding"): the form's challenge solved by
 * the page's own worker admits a submission as 'public'; without it, or with it replayed, the
 * submission still files, as 'unproven', within its class's limits; a proven one is never refused
 * for its address. Over hono (app.request) and over real HTTP through the submission lane.
 */

const FORM = { names: '王明华', orgs: ['party'], behalf: 'self' };
const UNPROVEN_PER_ADDRESS = 3;

async function admissionOf(ctx: TestContext, registrationNumber: string): Promise<string> {
  const row = await ctx.services.database.db
    .selectFrom('declarations')
    .select('admission')
    .where('registration_number', '=', registrationNumber)
    .executeTakeFirstOrThrow();
  return row.admission;
}

async function admissions(ctx: TestContext): Promise<Record<string, number>> {
  const rows = await ctx.services.database.db
    .selectFrom('declarations')
    .select((eb) => ['admission', eb.fn.countAll<number>().as('n')])
    .groupBy('admission')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.admission, Number(row.n)]));
}

for (const engine of testEngines()) {
  describe(`proof of work and admission classes (${engine})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(engine, {
        TUIDANG_UNPROVEN_PER_ADDRESS: String(UNPROVEN_PER_ADDRESS),
        TUIDANG_UNPROVEN_TOTAL: '1000',
      });
    });
    after(() => ctx.close());

    const form = (fields: Record<string, string | string[]>, address: string) =>
      ctx.app.request(
        '/en/declare',
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: formBody(fields).toString() },
        from(address),
      );
    const api = (headers: Record<string, string>, address: string) =>
      ctx.app.request(
        '/api/v1/declarations',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ names: '明德', orgs: ['party'] }),
        },
        from(address),
      );

    test('the form carries a challenge and our own script; the page may load scripts from this origin only', async () => {
      const page = await ctx.app.request('/en/declare');
      const html = await page.text();
      assert.ok(challengeOf(html));
      assert.match(html, /<script src="\/pow.js" defer=""><\/script>/);
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      const other = await ctx.app.request('/en/');
      assert.match(other.headers.get('content-security-policy') ?? '', /script-src 'none'/, 'other pages still run no script');
      for (const file of ['/pow.js', '/pow-worker.js']) {
        const script = await ctx.app.request(file);
        assert.equal(script.status, 200);
        assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
      }
    });

    test("solved by the page's own worker, a form submission enters as public; replayed, the same proof is unproven", async () => {
      const proof = solveWithWorker(challengeOf(await (await ctx.app.request('/en/declare')).text()));
      assert.ok(proof, 'the worker found the counter');
      const first = await form({ ...FORM, altcha: proof }, '10.1.0.1');
      assert.equal(first.status, 303);
      const receipt = await ctx.app.request(first.headers.get('location')!);
      const number = (await receipt.text()).match(/id="registration-number">([^<]+)</)![1]!.replace(/\s/g, '');
      assert.equal(await admissionOf(ctx, number), 'public');

      const before = await admissions(ctx);
      const replay = await form({ ...FORM, altcha: proof }, '10.1.0.2');
      assert.equal(replay.status, 303, 'a replay still files: only the class is lower');
      const after = await admissions(ctx);
      assert.equal(after.unproven, (before.unproven ?? 0) + 1);
      assert.equal(after.public, before.public);
    });

    test('a tampered, expired or malformed proof proves nothing', async () => {
      const encoded = challengeOf(await (await ctx.app.request('/en/declare')).text());
      const proof = JSON.parse(Buffer.from(solve(encoded), 'base64').toString());
      const tampered = structuredClone(proof);
      tampered.challenge.parameters.data.max = 1;
      const wrong = structuredClone(proof);
      wrong.solution.counter += 1;
      const admission = ctx.services.flood.admission;
      for (const bad of [tampered, wrong, 'not base64 json', '']) {
        const payload = typeof bad === 'string' ? bad : Buffer.from(JSON.stringify(bad)).toString('base64');
        const admitted = await admission.admit(`10.2.0.${Math.random()}`, payload);
        assert.deepEqual(admitted, { ok: true, admission: 'unproven' });
      }
      ctx.clock.advance(3 * 60 * 60 * 1000);
      assert.deepEqual(await admission.admit('10.2.1.1', solve(encoded)), { ok: true, admission: 'unproven' }, 'expired');
    });

    test('the API: without the Altcha header, unproven; with a solved challenge from /api/v1/challenge, public', async () => {
      const plain = await api({}, '10.3.0.1');
      assert.equal(plain.status, 201);
      assert.equal(await admissionOf(ctx, (await plain.json()).registrationNumber), 'unproven');
      const { encoded } = (await (await ctx.app.request('/api/v1/challenge')).json()) as { encoded: string };
      const proven = await api({ altcha: solve(encoded) }, '10.3.0.1');
      assert.equal(proven.status, 201);
      assert.equal(await admissionOf(ctx, (await proven.json()).registrationNumber), 'public');
    });

    test('without a proof, a few per address, then 429 in the reader language; a proven submission from that address still files', async () => {
      const address = '10.4.0.1';
      for (let i = 0; i < UNPROVEN_PER_ADDRESS; i++) assert.equal((await form(FORM, address)).status, 303);
      const refused = await form(FORM, address);
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.match(await refused.text(), /Too many submissions have come from your network/);
      const json = await api({ 'accept-language': 'zh-Hant' }, address);
      assert.equal(json.status, 429);
      assert.equal(((await json.json()) as { error: { code: string } }).error.code, 'request.rateLimited');
      assert.equal((await form(FORM, '10.4.0.2')).status, 303, 'another address has its own allowance');

      const { encoded } = (await (await ctx.app.request('/api/v1/challenge')).json()) as { encoded: string };
      assert.equal((await api({ altcha: solve(encoded) }, address)).status, 201, 'a proven submission is never refused for its address');

      ctx.clock.advance(10 * 60 * 1000);
      assert.equal((await form(FORM, address)).status, 303, 'the allowance comes back with the window');
    });

    test('over real HTTP the submission lane applies the same door: proven public, the rest unproven then 429', async () => {
      const server = await ctx.listen();
      try {
        const post = (body: string) =>
          fetch(`${server.url}/zh-hans/declare`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body,
            redirect: 'manual',
          });
        const before = await admissions(ctx);
        const page = await (await fetch(`${server.url}/zh-hans/declare`)).text();
        assert.equal((await post(formBody({ ...FORM, altcha: solve(challengeOf(page)) }).toString())).status, 303);
        for (let i = 0; i < UNPROVEN_PER_ADDRESS; i++) assert.equal((await post(formBody(FORM).toString())).status, 303);
        const refused = await post(formBody(FORM).toString());
        assert.equal(refused.status, 429);
        assert.match(await refused.text(), /从您所在的网络提交得太多了/);
        const after = await admissions(ctx);
        assert.equal(after.public, (before.public ?? 0) + 1);
        assert.equal(after.unproven, (before.unproven ?? 0) + UNPROVEN_PER_ADDRESS);
      } finally {
        await server.close();
      }
    });

    test('a challenge is spent once across processes: a second server sharing the database refuses the replay', async () => {
      const { encoded } = (await (await ctx.app.request('/api/v1/challenge')).json()) as { encoded: string };
      const proof = solve(encoded);
      // Another process: its own memory, the same database and key.
      const other = createProofOfWork({
        db: ctx.services.database.db,
        spent: spentChallengesRepository,
        signingKey: ctx.services.keys.submissionTokens,
        now: ctx.clock.now,
      });
      assert.deepEqual(await ctx.services.flood.admission.admit('10.5.0.1', proof), { ok: true, admission: 'public' });
      assert.equal(await other.redeem(proof), false);
    });

    test('difficulty rises with load and falls back after it', () => {
      let at = 1_000_000;
      const pow = createProofOfWork({
        db: ctx.services.database.db,
        spent: spentChallengesRepository,
        signingKey: ctx.services.keys.submissionTokens,
        now: () => at,
      });
      assert.equal(pow.currentMaxCounter(), EASIEST);
      for (let i = 0; i < QUIET_PER_MINUTE * 8; i++) pow.noteSubmission();
      assert.equal(pow.currentMaxCounter(), EASIEST * 8, 'eight times the quiet load: three doublings');
      at += 30_000;
      assert.equal(pow.currentMaxCounter(), EASIEST * 8, 'still within the minute');
      at += 31_000;
      assert.equal(pow.currentMaxCounter(), EASIEST, 'a quiet minute later, back to the base');
    });
  });
}
