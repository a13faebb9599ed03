import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { addCenter } from '../helpers/outreach.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

for (const engine of testEngines()) {
  describe(`a call's declarations count for the campaign's center (${engine})`, () => {
    let ctx: TestContext;
    let admin: StaffClient;

    before(async () => {
      ctx = await createTestContext(engine);
      admin = await signInAs(ctx, 'admin');
    });
    after(() => ctx.close());

    test('a global admin, who belongs to no center, enters a "declared" call for the campaign’s center', async () => {
      const centerId = await addCenter(ctx, '台北中心');
      const created = await admin.post('/console/campaigns', {
        name: '台北外呼',
        centerId: String(centerId),
        startsOn: '2026-12-01',
        endsOn: '2027-01-31',
        callingFrom: '09:00',
        callingUntil: '20:30',
        timeZone: 'Asia/Shanghai',
        retentionDays: '90',
        leaseSize: '1',
        leaseHours: '24',
      });
      assert.equal(created.status, 303);
      const campaign = new URL(created.headers.get('location')!, 'http://x').pathname;
      const form = new FormData();
      form.set('_csrf', admin.csrf);
      form.set('csv', new Blob(['phone\n13900000031\n'], { type: 'text/csv' }), 'list.csv');
      const staged = await ctx.app.request(`${campaign}/import`, {
        method: 'POST',
        headers: { cookie: `tuidang_staff=${admin.cookie}` },
        body: form,
      });
      assert.equal(staged.status, 303);
      assert.equal((await admin.post(`${staged.headers.get('location')!}/confirm`)).status, 303);
      assert.equal((await admin.post(`${campaign}/lease`)).status, 303);
      const contact = /data-contact-id="(\d+)"/.exec(await (await admin.get(`${campaign}/call`)).text())![1]!;
      const declared = await admin.post(`${campaign}/call/${contact}`, {
        outcome: 'declared',
        'declared.alias': '明德',
        'declared.orgs': 'party',
        'declared.consent': 'confirmed',
      });
      assert.equal(declared.status, 303);
      const location = declared.headers.get('location')!;
      assert.match(await (await admin.get(location)).text(), /<dd>台北中心<\/dd>/);
      const entered = await admin.post('/console/batch', {
        count: '1',
        name_1: '明德',
        orgs_1: 'party',
        behalf_1: 'self',
        headcount_1: '1',
        channel: 'phone',
        conversationDate: new Date().toISOString().slice(0, 10),
        consent: 'confirmed',
        action: 'submit',
        call: new URL(location, 'http://x').searchParams.get('call')!,
      });
      assert.equal(entered.status, 200);
      const rows = await ctx.services.database.db.selectFrom('declarations').select('center_id').execute();
      assert.deepEqual(
        rows.map((row) => row.center_id),
        [centerId],
      );
    });
  });
}
