import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAuditRepository } from '../../../src/repositories/audit-repository.ts';
import { staffRepository } from '../../../src/repositories/staff-repository.ts';
import { AddressKeys } from '../../../src/services/flood/address-keys.ts';
import { createSignInGuard } from '../../../src/services/flood/sign-in-guard.ts';
import { createStaffAuthService } from '../../../src/services/staff-auth-service.ts';
import { testEngines } from '../../helpers/databases.ts';
import { PASSWORD, signInAs } from '../../helpers/console.ts';
import { from } from '../../helpers/proof-of-work.ts';
import { formBody } from '../../helpers/requests.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

/*
 * Staff sign-in under attack (docs/security.md, "Staff sign-in"): guesses are counted per source
 * and account, so a stranger who knows a staff e-mail locks only themselves out of it; a source
 * guessing across accounts is stopped; argon2 work is bounded under a flood, the excess answered
 * 503 at once, and public pages go on being served.
 */
for (const engine of testEngines()) {
  describe(`staff sign-in under a flood (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    const signIn = (email: string, password: string, address: string) =>
      ctx.app.request(
        '/console/sign-in',
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: formBody({ email, password }).toString(),
        },
        from(address),
      );

    test('a stranger who knows a staff e-mail cannot keep its owner out', async () => {
      const member = await signInAs(ctx, 'admin');
      for (let i = 0; i < 30; i++) assert.equal((await signIn(member.email, `guess number ${i}`, '203.0.113.9')).status, 422);
      assert.equal((await signIn(member.email, PASSWORD, '203.0.113.9')).status, 422, 'the stranger is locked out, even with the password');
      assert.equal((await signIn(member.email, PASSWORD, '192.0.2.1')).status, 303, 'the owner, from elsewhere, signs in');
      const row = await ctx.services.database.db
        .selectFrom('staff')
        .select(['failed_attempts', 'locked_until'])
        .where('id', '=', member.staffId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        { ...row },
        { failed_attempts: 5, locked_until: null },
        'five passwords were checked, and the account is not locked',
      );
    });

    test('a source guessing across many accounts is stopped with 429', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 55; i++) statuses.push((await signIn(`someone${i}@example.org`, 'a guess', '203.0.113.10')).status);
      assert.deepEqual(statuses.slice(0, 50), new Array(50).fill(422));
      assert.deepEqual(statuses.slice(50), new Array(5).fill(429));
      const refused = await signIn('another@example.org', 'a guess', '203.0.113.10');
      assert.ok(refused.headers.get('retry-after'));
      assert.match(await refused.text(), /从这个网络登录失败的次数过多/);
    });

    test('a flood of sign-ins from many sources: argon2 work stays bounded, the excess gets 503, public pages are served', {
      timeout: 120_000,
    }, async () => {
      const flood = Array.from({ length: 150 }, (_, i) => signIn(`nobody${i}@example.org`, 'flooding', `10.77.${i >> 8}.${i & 255}`));
      const started = performance.now();
      const home = await ctx.app.request('/en/statistics');
      const homeMs = performance.now() - started;
      const statuses = await Promise.all(flood.map(async (pending) => (await pending).status));
      assert.equal(home.status, 200);
      assert.ok(homeMs < 5000, `a public page took ${Math.round(homeMs)} ms during the flood`);
      const busy = statuses.filter((status) => status === 503).length;
      assert.ok(busy > 0, 'the excess was refused');
      assert.deepEqual([...new Set(statuses)].sort(), [422, 503]);

      // The bound itself, on the service: never more than two argon2 checks at once.
      const guard = createSignInGuard({ addressKeys: new AddressKeys(ctx.clock.now), now: ctx.clock.now });
      const auth = createStaffAuthService({
        db: ctx.services.database.db,
        staff: staffRepository,
        audit: createAuditRepository(ctx.services.keys),
        keys: ctx.services.keys,
        guard,
      });
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => auth.signIn(`x${i}@example.org`, 'p', `10.78.0.${i}`)));
      assert.equal(guard.peakHashing(), 2);
      const errors = results.map((result) => (result.ok ? 'ok' : result.error));
      const checked = errors.filter((error) => error === 'auth.invalid').length;
      const refused = errors.filter((error) => error === 'auth.busy').length;
      // Two run and sixteen wait while the burst arrives; a check that ends during it frees a place
      // (more often on PostgreSQL, whose lookups take longer), so only the bound is exact.
      assert.ok(checked >= 18 && checked < 40, `${checked} checked`);
      assert.equal(checked + refused, 100);
    });
  });
}
