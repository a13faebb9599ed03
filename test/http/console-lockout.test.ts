import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../helpers/databases.ts';
import { PASSWORD, signInAs } from '../helpers/console.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { LOCKOUT_MS } from '../../src/services/staff-auth-service.ts';

function signIn(ctx: TestContext, email: string, password: string) {
  return ctx.app.request('/console/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  });
}

for (const engine of testEngines()) {
  describe(`staff lockout under concurrency (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('a burst of 120 sign-ins checks at most 5 passwords; the right one after the lock is refused', { timeout: 120_000 }, async () => {
      const member = await signInAs(ctx, 'editor');
      const db = ctx.services.database.db;
      const sessionsBefore = (await db.selectFrom('staff_sessions').select('id').where('staff_id', '=', member.staffId).execute()).length;
      const right = new Set([30, 100]);
      const responses = await Promise.all(
        Array.from({ length: 120 }, (_, n) => signIn(ctx, member.email, right.has(n) ? PASSWORD : `wrong guess number ${n}`)),
      );
      for (const response of responses) assert.equal(response.status, 422);

      // Each wrong password checked leaves one audit entry; each right one would open a session.
      const failures = await db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', String(member.staffId))
        .where('action', 'in', ['auth.signInFailed', 'auth.locked'])
        .execute();
      const sessions = (await db.selectFrom('staff_sessions').select('id').where('staff_id', '=', member.staffId).execute()).length;
      assert.ok(failures.length + sessions - sessionsBefore <= 5, `${failures.length} wrong passwords checked`);
      assert.equal(failures.filter((row) => row.action === 'auth.locked').length, 1);
      assert.equal(sessions, sessionsBefore, 'no right password was accepted in the burst');

      const after = await signIn(ctx, member.email, PASSWORD);
      assert.equal(after.status, 422, 'the right password is refused while the lock holds');
      assert.equal(after.headers.get('set-cookie'), null);

      // The five were this source's for this account (flood/sign-in-guard.ts); the account itself
      // counts them toward its ceiling, and is not locked. When the window runs out, the right password works again.
      ctx.clock.advance(LOCKOUT_MS);
      assert.equal((await signIn(ctx, member.email, PASSWORD)).status, 303);
      const row = await db
        .selectFrom('staff')
        .select(['failed_attempts', 'locked_until'])
        .where('id', '=', member.staffId)
        .executeTakeFirstOrThrow();
      assert.deepEqual({ ...row }, { failed_attempts: 5, locked_until: null }, 'the right password gave its guess back');
    });

    test('a right password that takes the last guess of a window still signs in, and leaves no lock', async () => {
      const member = await signInAs(ctx, 'auditor');
      for (let n = 0; n < 4; n++) assert.equal((await signIn(ctx, member.email, 'wrong wrong wrong')).status, 422);
      assert.equal((await signIn(ctx, member.email, PASSWORD)).status, 303);
      const row = await ctx.services.database.db
        .selectFrom('staff')
        .select(['failed_attempts', 'locked_until'])
        .where('id', '=', member.staffId)
        .executeTakeFirstOrThrow();
      assert.deepEqual({ ...row }, { failed_attempts: 4, locked_until: null });
      assert.equal((await signIn(ctx, member.email, 'wrong wrong wrong')).status, 422);
      assert.equal((await signIn(ctx, member.email, PASSWORD)).status, 422, 'the fifth failure locked it');
    });
  });
}
