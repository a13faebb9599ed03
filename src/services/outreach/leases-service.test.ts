import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createServices } from '../../composition.ts';
import { testEngines } from '../../../test/helpers/databases.ts';
import { type CAMPAIGN_FORM, addCenter, importedCampaign, mobile, outreachWithClock, staffActor } from '../../../test/helpers/outreach.ts';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { Actor } from '../../domain/staff/permissions.ts';
import { doNotCallRepository } from '../../repositories/outreach/do-not-call-repository.ts';
import { phoneHmac } from './outreach-deps.ts';

for (const engine of testEngines()) {
  describe(`outreach leases (${engine})`, () => {
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

    const outreach = () => clock.service;

    /** A campaign of `size` contacts, imported and confirmed. */
    const campaignWith = (size: number, settings: Partial<typeof CAMPAIGN_FORM> = {}) =>
      importedCampaign(outreach(), admin, centerId, size, settings, 10_000);

    test('a lease takes the lease size by default, never more in all, and expires back to the pool', async () => {
      const campaign = await campaignWith(30, { leaseHours: '4' });
      const volunteer = await staffActor(ctx, 'volunteer', centerId);
      const other = await staffActor(ctx, 'volunteer', centerId);
      const first = await outreach().leases.take(volunteer, campaign);
      assert.ok(first.ok);
      assert.equal(first.value.taken, 25);
      assert.match(first.value.contacts[0]!.maskedPhone!, /^\+86 139\*+\d{4}$/);
      assert.equal(first.value.contacts[0]!.name, '联系人0');
      const more = await outreach().leases.take(volunteer, campaign, 10);
      assert.ok(more.ok && more.value.taken === 0 && more.value.contacts.length === 25, 'a full lease takes nothing more');
      const second = await outreach().leases.take(other, campaign);
      assert.ok(second.ok && second.value.taken === 5, 'only what nobody holds');

      clock.advanceHours(4);
      const held = await outreach().leases.held(volunteer, campaign);
      assert.ok(held.ok && held.value.length === 0, 'an expired lease holds nothing');
      const after = await outreach().leases.take(other, campaign, 25);
      assert.ok(after.ok);
      assert.equal(after.value.taken, 25, 'the expired contacts are back in the pool');
      assert.equal(after.value.contacts.length, 25);

      const released = await outreach().leases.release(other, campaign);
      assert.ok(released.ok && released.value === 25);
      const audit = await ctx.services.database.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('action', 'like', 'outreach.lease.%')
        .execute();
      assert.deepEqual(
        audit.map((entry) => entry.action),
        ['outreach.lease.taken', 'outreach.lease.taken', 'outreach.lease.taken', 'outreach.lease.released'],
      );
      assert.ok(!JSON.stringify(audit).includes('139'), 'no number in the audit log');
    });

    test('volunteers racing on separate connections never hold the same contact', async () => {
      const campaign = await campaignWith(100);
      // A second composition: its own connection to the same database (a second SQLite connection, a second pg pool).
      const second = await createServices(ctx.config, { migrate: false });
      try {
        const racers = await Promise.all(Array.from({ length: 8 }, () => staffActor(ctx, 'volunteer', centerId)));
        const services = [clock.service, outreachWithClock(ctx, second.database.db).service];
        const results = await Promise.all(racers.map((racer, i) => services[i % 2]!.leases.take(racer, campaign)));
        const ids = results.flatMap((result) =>
          result.ok ? result.value.contacts.map((contact) => contact.id) : assert.fail(result.error),
        );
        assert.equal(ids.length, 100, 'every contact was taken');
        assert.equal(new Set(ids).size, 100, 'no contact was taken twice');
        assert.ok(results.every((result) => result.ok && result.value.contacts.length <= 25));
      } finally {
        await second.close();
      }
    });

    test('do-not-call numbers are never leased, whether listed before or after the import', async () => {
      const campaign = await campaignWith(3);
      const volunteer = await staffActor(ctx, 'volunteer', centerId);
      const base = campaign * 10_000;
      // Listed behind the service's back: the lease query itself must leave the number out.
      await doNotCallRepository.add(ctx.services.database.db, phoneHmac(ctx.services.keys, `+86${mobile(base)}`), new Date());
      const listed = await outreach().doNotCall.add(admin, mobile(base + 1));
      assert.deepEqual(listed, { ok: true, value: { added: true, suppressed: 1 } });
      const lease = await outreach().leases.take(volunteer, campaign);
      assert.ok(lease.ok);
      assert.deepEqual(
        lease.value.contacts.map((contact) => contact.name),
        ['联系人2'],
      );
      assert.deepEqual(await outreach().doNotCall.isListed(admin, `+86 ${mobile(base + 1)}`), { ok: true, value: true });
      assert.deepEqual(await outreach().doNotCall.add(admin, 'not a number'), { ok: false, error: 'outreach.phoneInvalid' });
      assert.deepEqual(await outreach().doNotCall.add(volunteer, mobile(base + 2)), { ok: false, error: 'auth.forbidden' });
    });

    test('a center admin assigns and releases within the center only; other centers see nothing', async () => {
      const campaign = await campaignWith(10);
      const member = await staffActor(ctx, 'volunteer', centerId);
      const otherCenter = await addCenter(ctx, '纽约中心');
      const outsider = await staffActor(ctx, 'volunteer', otherCenter);
      const outsideAdmin = await staffActor(ctx, 'center_admin', otherCenter);
      const editor = await staffActor(ctx, 'editor', null);

      const assigned = await outreach().leases.assign(admin, campaign, member.id, 4);
      assert.ok(assigned.ok && assigned.value.taken === 4);
      assert.deepEqual(await outreach().leases.assign(admin, campaign, outsider.id), { ok: false, error: 'outreach.staffInvalid' });
      assert.deepEqual(await outreach().leases.assign(member, campaign, member.id), { ok: false, error: 'auth.forbidden' });
      assert.deepEqual(await outreach().leases.take(outsider, campaign), { ok: false, error: 'request.notFound' });
      assert.deepEqual(await outreach().leases.assign(outsideAdmin, campaign, outsider.id), { ok: false, error: 'request.notFound' });
      assert.deepEqual(await outreach().leases.take(editor, campaign), { ok: false, error: 'auth.forbidden' });
      assert.deepEqual(await outreach().campaigns.overview(outsider, campaign), { ok: false, error: 'request.notFound' });
      const listed = await outreach().campaigns.list(outsider);
      assert.ok(listed.ok && listed.value.length === 0);

      const held = await outreach().leases.held(member, campaign);
      assert.ok(held.ok && held.value.length === 4);
      assert.deepEqual(await outreach().leases.releaseMember(admin, campaign, member.id), { ok: true, value: 4 });
      const after = await outreach().leases.held(member, campaign);
      assert.ok(after.ok && after.value.length === 0);
    });
  });
}
