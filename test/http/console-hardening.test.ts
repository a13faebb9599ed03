import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../helpers/databases.ts';
import { PASSWORD, signInAs, totpCode } from '../helpers/console.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

function post(ctx: TestContext, path: string, fields: Record<string, string>, cookie?: string) {
  return ctx.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie: `tuidang_staff=${cookie}` } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}
const cookieOf = (response: Response) => /tuidang_staff=([^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1];

async function lockedUntil(ctx: TestContext, staffId: number) {
  const row = await ctx.services.database.db.selectFrom('staff').select('locked_until').where('id', '=', staffId).executeTakeFirstOrThrow();
  return row.locked_until;
}

/** Regressions found in review: each test is an attack that must fail. */
for (const engine of testEngines()) {
  describe(`console hardening (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('a center admin cannot create or promote editors, auditors or admins, nor trust themselves', async () => {
      const centerAdmin = await signInAs(ctx, 'center_admin');
      const own = (await ctx.services.staffAdmin.get('cli', centerAdmin.staffId))!.centerId!;
      for (const role of ['editor', 'auditor', 'admin']) {
        const response = await centerAdmin.post('/console/staff', {
          name: 'X',
          email: `${role}-x@example.org`,
          role,
          centerId: String(own),
        });
        assert.ok([403, 422].includes(response.status), `${role}: ${response.status}`);
      }
      const volunteer = await signInAs(ctx, 'volunteer', { centerId: own });
      assert.equal(
        (await centerAdmin.post(`/console/staff/${volunteer.staffId}/role`, { role: 'editor', centerId: String(own) })).status,
        403,
      );
      assert.equal((await centerAdmin.post(`/console/staff/${centerAdmin.staffId}/trust`)).status, 403);
      const roles = await ctx.services.database.db.selectFrom('staff').select('role').where('email', 'like', '%-x@example.org').execute();
      assert.deepEqual(roles, []);
    });

    test('guessing codes between correct passwords still locks the account', async () => {
      const member = await signInAs(ctx, 'editor');
      for (let round = 0; round < 3; round++) {
        const signedIn = await post(ctx, '/console/sign-in', { email: member.email, password: PASSWORD });
        const cookie = cookieOf(signedIn)!;
        const page = await (await ctx.app.request('/console/sign-in/code', { headers: { cookie: `tuidang_staff=${cookie}` } })).text();
        const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
        for (let i = 0; i < 2; i++) await post(ctx, '/console/sign-in/code', { _csrf: csrf, code: '000000' }, cookie);
      }
      assert.ok(await lockedUntil(ctx, member.staffId), 'six wrong codes across three sign-ins lock the account');
    });

    test('parallel wrong passwords all count: after them the right one from the same source is refused', async () => {
      const member = await signInAs(ctx, 'volunteer');
      await Promise.all(
        Array.from({ length: 12 }, () => post(ctx, '/console/sign-in', { email: member.email, password: 'wrong wrong wrong' })),
      );
      // The lock is this source's for this account (flood/sign-in-guard.ts): the owner elsewhere still signs in.
      assert.equal((await post(ctx, '/console/sign-in', { email: member.email, password: PASSWORD })).status, 422);
    });

    test('a locked account checks no password: the owner gets the answer a stranger gets', async () => {
      const member = await signInAs(ctx, 'auditor');
      for (let i = 0; i < 5; i++) await post(ctx, '/console/sign-in', { email: member.email, password: 'wrong wrong wrong' });
      const stranger = await (await post(ctx, '/console/sign-in', { email: member.email, password: 'wrong wrong wrong' })).text();
      const owner = await post(ctx, '/console/sign-in', { email: member.email, password: PASSWORD });
      assert.equal(owner.status, 422);
      const ownerPage = await owner.text();
      assert.match(ownerPage, /邮箱或密码不正确。连续输错 5 次后，账户会锁定 15 分钟。/);
      const main = (page: string) => /<main>.*<\/main>/s.exec(page)?.[0];
      assert.equal(main(ownerPage), main(stranger));
    });

    test('resetting the second factor also removes passkeys', async () => {
      const admin = await signInAs(ctx, 'admin');
      const member = await signInAs(ctx, 'editor');
      await ctx.services.database.db
        .insertInto('staff_passkeys')
        .values({
          staff_id: member.staffId,
          credential_id: 'abc',
          public_key: 'x',
          counter: 0,
          transports: '[]',
          name: 'Phone',
          created_at: new Date().toISOString(),
        })
        .execute();
      assert.equal((await admin.post(`/console/staff/${member.staffId}/reset-second-factor`)).status, 303);
      const left = await ctx.services.database.db
        .selectFrom('staff_passkeys')
        .select('id')
        .where('staff_id', '=', member.staffId)
        .execute();
      assert.deepEqual(left, []);
    });

    test('out-of-range ids, NUL bytes and header injection get clear answers, never a 500', async () => {
      const admin = await signInAs(ctx, 'admin');
      const checks: [Response | Promise<Response>, number[]][] = [
        [admin.post('/console/staff/99999999999/trust'), [404]],
        [admin.post('/console/staff/2147483648/revoke-sessions'), [404]],
        [admin.post('/console/reasons/abc/retire'), [404]],
        [admin.post('/console/reasons/1.5/retire'), [404]],
        [admin.post('/console/passkey/99999999999/delete'), [404]],
        [admin.post('/console/moderation', { decision: 'reject', reasonId: '99999999999', numbers: '4111111111111111' }), [303]],
        [admin.get('/console/audit?before=99999999999&action=%00'), [200]],
        [admin.get('/console/moderation?channel=%00'), [422]],
        [admin.post('/console/staff', { name: 'N', email: 'n@example.org', role: 'volunteer', centerId: '99999999999' }), [422]],
        [admin.post(`/console/staff/${admin.staffId + 1000}/role`, { role: 'volunteer', centerId: '1.5' }), [403, 422]],
        [admin.post('/console/moderation', { decision: 'approve', numbers: 'a\r\nSet-Cookie: x=1', returnTo: 'detail' }), [303]],
        [post(ctx, '/console/sign-in', { email: 'a\u0000@example.org', password: 'x' }), [422]],
      ];
      for (const [pending, statuses] of checks) {
        const response = await pending;
        assert.ok(statuses.includes(response.status), `got ${response.status}, expected ${statuses.join('/')}`);
        assert.doesNotMatch(response.headers.get('location') ?? '', /Set-Cookie/);
      }
    });

    test('the sign-in form works while a half-finished session cookie is present', async () => {
      const member = await signInAs(ctx, 'editor');
      const first = await post(ctx, '/console/sign-in', { email: member.email, password: PASSWORD });
      const cookie = cookieOf(first)!;
      const page = await (await ctx.app.request('/console/sign-in', { headers: { cookie: `tuidang_staff=${cookie}` } })).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
      assert.ok(csrf, 'the form carries the token of the session it will be posted with');
      const again = await post(ctx, '/console/sign-in', { _csrf: csrf, email: member.email, password: PASSWORD }, cookie);
      assert.equal(again.status, 303);
      const code = await post(ctx, '/console/sign-in/code', { _csrf: csrf, code: totpCode(member.totpSecret, 1) }, cookie);
      assert.ok([303, 401, 422].includes(code.status));
    });

    test('auditors see every center’s figures', async () => {
      const auditor = await signInAs(ctx, 'auditor');
      const at = new Date().toISOString();
      const other = await ctx.services.database.db
        .insertInto('centers')
        .values({
          name: 'Elsewhere',
          city: 'Toronto',
          country: 'CA',
          hotlines: '[]',
          languages: 'en',
          is_public: 1,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const faraway = await signInAs(ctx, 'volunteer', { centerId: other.id });
      assert.equal((await auditor.get('/console/stats/center')).status, 200);
      const actor = (await import('../../src/services/staff-auth-service.ts')).actorOf(
        (await ctx.services.staffAdmin.get('cli', auditor.staffId))!,
      );
      const tallies = await ctx.services.batchEntry.centerTallies(actor, new Date(), 'Asia/Shanghai');
      assert.ok(tallies.ok);
      assert.ok(
        tallies.value.some((row) => row.staffId === faraway.staffId),
        'a volunteer of another center is included',
      );
    });
  });
}
