import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.ts';
import { CAMPAIGN_FORM, addCenter, csvLines, mobile, outreachWithClock, staffActor } from '../../../test/helpers/outreach.ts';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { Actor } from '../../domain/staff/permissions.ts';

for (const engine of testEngines()) {
  describe(`outreach retention (${engine})`, () => {
    let ctx: TestContext;
    let clock: ReturnType<typeof outreachWithClock>;
    let admin: Actor;
    let centerId: number;

    before(async () => {
      ctx = await createTestContext(engine);
      clock = outreachWithClock(ctx);
      centerId = await addCenter(ctx, '台北中心');
      admin = await staffActor(ctx, 'center_admin', centerId);
    });
    after(() => ctx.close());

    async function campaignWith(endsOn: string, retentionDays: string, size: number): Promise<number> {
      const outreach = clock.service;
      const created = await outreach.campaigns.create(admin, {
        ...CAMPAIGN_FORM,
        startsOn: '2026-11-01',
        endsOn,
        retentionDays,
        centerId: String(centerId),
      });
      assert.ok(created.ok);
      const rows = Array.from({ length: size }, (_, i) => `${mobile(created.value.id * 1000 + i)},联系人${i},科长,某局,河北,备注`);
      const staged = await outreach.imports.stage(admin, created.value.id, csvLines('phone,name,title,organisation,region,notes', rows));
      assert.ok(staged.ok && staged.value.kind === 'staged');
      assert.ok((await outreach.imports.commit(admin, staged.value.summary.importId)).ok);
      return created.value.id;
    }

    test('erases what identifies the contacts after the retention days, keeping the figures and the do-not-call list', async () => {
      const outreach = clock.service;
      const db = ctx.services.database.db;
      // The clock stands at 2026-12-07 in Shanghai: the first campaign's last kept day was 12-04.
      const expired = await campaignWith('2026-12-01', '3', 3);
      const kept = await campaignWith('2026-12-01', '6', 2);
      const volunteer = await staffActor(ctx, 'volunteer', centerId);
      const lease = await outreach.leases.take(volunteer, expired);
      assert.ok(lease.ok);
      const [first, second] = lease.value.contacts;
      assert.ok((await outreach.calls.record(volunteer, expired, first!.id, { outcome: 'doNotCall', answers: {}, callbackAt: '' })).ok);
      assert.ok((await outreach.calls.record(volunteer, expired, second!.id, { outcome: 'refused', answers: {}, callbackAt: '' })).ok);

      assert.deepEqual(await outreach.retention.purgeDue(), { campaigns: 1, contacts: 3, imports: 0 });
      const rows = await db.selectFrom('outreach_contacts').selectAll().where('campaign_id', '=', expired).orderBy('id').execute();
      for (const row of rows) {
        assert.deepEqual([row.phone_hmac, row.phone_sealed, row.details_sealed, row.leased_to], [null, null, null, null]);
      }
      assert.deepEqual(
        rows.map((row) => row.status),
        ['suppressed', 'closed', 'open'],
      );
      assert.equal((await db.selectFrom('outreach_attempts').select('id').where('campaign_id', '=', expired).execute()).length, 2);
      assert.equal((await db.selectFrom('outreach_do_not_call').select('phone_hmac').execute()).length, 1, 'the do-not-call HMAC stays');
      const untouched = await db.selectFrom('outreach_contacts').select('phone_sealed').where('campaign_id', '=', kept).execute();
      assert.ok(untouched.every((row) => row.phone_sealed !== null));
      const purged = await db
        .selectFrom('audit_log')
        .select(['actor', 'target_id'])
        .where('action', '=', 'outreach.campaign.purged')
        .execute();
      assert.deepEqual(
        purged.map((entry) => [entry.actor, entry.target_id]),
        [['system', String(expired)]],
      );

      assert.deepEqual(await outreach.retention.purgeDue(), { campaigns: 0, contacts: 0, imports: 0 }, 'a second run finds nothing');
      const overview = await outreach.campaigns.overview(admin, expired);
      assert.ok(overview.ok && overview.value.campaign.purgedAt !== null);
      const held = await outreach.leases.take(volunteer, expired);
      assert.ok(held.ok && held.value.taken === 0, 'nothing left to call');
      assert.deepEqual(await outreach.imports.stage(admin, expired, ['phone\n13900000001\n']), {
        ok: false,
        error: 'outreach.campaignPurged',
      });

      // A preview nobody confirmed or cancelled keeps its numbers a day at most.
      const later = await outreach.campaigns.create(admin, { ...CAMPAIGN_FORM, centerId: String(centerId) });
      assert.ok(later.ok);
      const staged = await outreach.imports.stage(admin, later.value.id, ['phone\n13900000077\n']);
      assert.ok(staged.ok && staged.value.kind === 'staged');
      // A day later the second campaign's numbers are due too (its last kept day was 12-07).
      clock.advanceHours(23);
      assert.deepEqual(await outreach.retention.purgeDue(), { campaigns: 1, contacts: 2, imports: 0 });
      clock.advanceHours(2);
      assert.deepEqual(await outreach.retention.purgeDue(), { campaigns: 0, contacts: 0, imports: 1 });
      const left = await db.selectFrom('outreach_contacts').select('id').where('campaign_id', '=', later.value.id).execute();
      assert.equal(left.length, 0);
    });
  });
}
