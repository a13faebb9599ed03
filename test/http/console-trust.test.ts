import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../helpers/databases.ts';
import { ensureCenter, signInAs, type StaffClient } from '../helpers/console.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** One batch row of `headcount` people, as the batch form sends it. */
function oneRow(name: string, headcount: number): Record<string, string | string[]> {
  return {
    count: '1',
    name_1: name,
    orgs_1: ['party'],
    headcount_1: String(headcount),
    region_1: '',
    channel: 'phone',
    conversationDate: '2025-06-01',
    consent: 'confirmed',
    action: 'submit',
  };
}

for (const engine of testEngines()) {
  describe(`trust is given by a second person (${engine})`, () => {
    let ctx: TestContext;
    let centerAdmin: StaffClient;
    let admin: StaffClient;
    let center: number;

    const trustAudit = async (staffId: number) =>
      (
        await ctx.services.database.db
          .selectFrom('audit_log')
          .select(['action', 'actor_id'])
          .where('target_id', '=', String(staffId))
          .where('action', 'in', ['staff.trusted', 'staff.untrusted'])
          .orderBy('id')
          .execute()
      ).map((row) => [row.action, row.actor_id]);
    const isTrusted = async (staffId: number) =>
      (await ctx.services.database.db.selectFrom('staff').select('trusted').where('id', '=', staffId).executeTakeFirstOrThrow()).trusted ===
      1;

    before(async () => {
      ctx = await createTestContext(engine);
      center = await ensureCenter(ctx);
      centerAdmin = await signInAs(ctx, 'center_admin', { centerId: center });
      admin = await signInAs(ctx, 'admin');
    });
    after(() => ctx.close());

    test('a center admin cannot make a trusted account and publish 500 people through it', async () => {
      const refused = await centerAdmin.post('/console/staff', {
        name: '自己人',
        email: 'own@example.org',
        role: 'volunteer',
        centerId: String(center),
        trusted: 'yes',
      });
      assert.equal(refused.status, 403);
      const none = await ctx.services.database.db.selectFrom('staff').select('id').where('email', '=', 'own@example.org').execute();
      assert.deepEqual(none, [], 'nothing is created');
      assert.doesNotMatch(await (await centerAdmin.get('/console/staff')).text(), /name="trusted"/, 'the form does not offer it');

      // An account of their own making, then an attempt to trust it: refused too.
      const volunteer = await signInAs(ctx, 'volunteer', { centerId: center });
      assert.equal((await centerAdmin.post(`/console/staff/${volunteer.staffId}/trust`)).status, 403);
      assert.equal(await isTrusted(volunteer.staffId), false);

      const entered = await volunteer.post('/console/batch', oneRow('王大成', 500));
      assert.equal(entered.status, 200);
      const rows = await ctx.services.database.db
        .selectFrom('declarations')
        .select(['status', 'headcount'])
        .where('entered_by', '=', volunteer.staffId)
        .execute();
      assert.deepEqual(
        rows.map((row) => ({ ...row })),
        [{ status: 'pending', headcount: 500 }],
        'an editor sees the 500 people before they count',
      );
      assert.equal((await ctx.services.counter.read()).total, 0);
      assert.deepEqual(await trustAudit(volunteer.staffId), []);
    });

    test('a global admin grants trust; every change of it is audited, and a role change drops it', async () => {
      const volunteer = await signInAs(ctx, 'volunteer', { centerId: center });
      assert.equal((await admin.post(`/console/staff/${volunteer.staffId}/trust`)).status, 303);
      assert.equal(await isTrusted(volunteer.staffId), true);

      // A center admin may take trust away (it narrows rights), and may not give it back.
      assert.equal((await centerAdmin.post(`/console/staff/${volunteer.staffId}/untrust`)).status, 303);
      assert.equal(await isTrusted(volunteer.staffId), false);
      assert.equal((await centerAdmin.post(`/console/staff/${volunteer.staffId}/trust`)).status, 403);

      // Editing a trusted account does not keep trust, whoever edits it.
      assert.equal((await admin.post(`/console/staff/${volunteer.staffId}/trust`)).status, 303);
      assert.equal(
        (await centerAdmin.post(`/console/staff/${volunteer.staffId}/role`, { role: 'volunteer', centerId: String(center) })).status,
        303,
      );
      assert.equal(await isTrusted(volunteer.staffId), false);

      assert.deepEqual(await trustAudit(volunteer.staffId), [
        ['staff.trusted', admin.staffId],
        ['staff.untrusted', centerAdmin.staffId],
        ['staff.trusted', admin.staffId],
        ['staff.untrusted', centerAdmin.staffId],
      ]);
    });

    test('an account created trusted by a global admin is audited as trusted', async () => {
      const response = await admin.post('/console/staff', {
        name: '可信者',
        email: 'trusted@example.org',
        role: 'volunteer',
        centerId: String(center),
        trusted: 'yes',
      });
      assert.equal(response.status, 200);
      const row = await ctx.services.database.db
        .selectFrom('staff')
        .select(['id', 'trusted'])
        .where('email', '=', 'trusted@example.org')
        .executeTakeFirstOrThrow();
      assert.equal(row.trusted, 1);
      assert.deepEqual(await trustAudit(row.id), [['staff.trusted', admin.staffId]]);
    });
  });
}
