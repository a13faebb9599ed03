import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.ts';
import { addCenter, importedCampaign, outreachWithClock, staffActor } from '../../../test/helpers/outreach.ts';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { Actor } from '../../domain/staff/permissions.ts';

for (const engine of testEngines()) {
  describe(`outreach callbacks (${engine})`, () => {
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

    const campaignWith = (size: number) => importedCampaign(clock.service, admin, centerId, size);

    test('mine and the center’s, due and overdue marked, taken by one caller only and called first', async () => {
      const outreach = clock.service;
      const mineCampaign = await campaignWith(2);
      const centerCampaign = await campaignWith(1);
      // This campaign's callbacks are for anyone at the center.
      await ctx.services.database.db
        .updateTable('outreach_campaigns')
        .set({ consequences: JSON.stringify({ callbackRequested: { kind: 'callback', for: 'center' } }) })
        .where('id', '=', centerCampaign)
        .execute();
      const alice = await staffActor(ctx, 'volunteer', centerId);
      const bob = await staffActor(ctx, 'volunteer', centerId);
      const outsider = await staffActor(ctx, 'volunteer', await addCenter(ctx, '纽约中心'));

      const aliceLease = await outreach.leases.take(alice, mineCampaign);
      assert.ok(aliceLease.ok);
      const own = aliceLease.value.contacts[0]!.id;
      // 2026-12-07 10:30 in Shanghai is 02:30 UTC, half an hour after the test clock.
      assert.ok(
        (
          await outreach.calls.record(alice, mineCampaign, own, {
            outcome: 'callbackRequested',
            answers: {},
            callbackAt: '2026-12-07T10:30',
          })
        ).ok,
      );
      const bobLease = await outreach.leases.take(bob, centerCampaign);
      assert.ok(bobLease.ok);
      const shared = bobLease.value.contacts[0]!.id;
      assert.ok(
        (
          await outreach.calls.record(bob, centerCampaign, shared, {
            outcome: 'callbackRequested',
            answers: {},
            callbackAt: '2026-12-07T11:00',
          })
        ).ok,
      );

      const aliceQueue = await outreach.callbacks.queue(alice);
      assert.ok(aliceQueue.ok);
      assert.deepEqual(
        aliceQueue.value.map((item) => [item.contact.id, item.mine, item.state]),
        [
          [own, true, 'upcoming'],
          [shared, false, 'upcoming'],
        ],
      );
      const bobQueue = await outreach.callbacks.queue(bob);
      assert.ok(bobQueue.ok);
      assert.deepEqual(
        bobQueue.value.map((item) => item.contact.id),
        [shared],
      );
      const outsiderQueue = await outreach.callbacks.queue(outsider);
      assert.ok(outsiderQueue.ok && outsiderQueue.value.length === 0);

      clock.advanceHours(1);
      const later = await outreach.callbacks.queue(alice);
      assert.ok(later.ok);
      assert.deepEqual(
        later.value.map((item) => item.state),
        ['due', 'due'],
      );
      clock.advanceHours(1);
      const overdue = await outreach.callbacks.queue(alice);
      assert.ok(overdue.ok && overdue.value[0]!.state === 'overdue');

      assert.deepEqual(
        await outreach.callbacks.take(bob, own),
        { ok: false, error: 'outreach.callbackTaken' },
        'another caller’s callback',
      );
      assert.deepEqual(await outreach.callbacks.take(outsider, shared), { ok: false, error: 'request.notFound' });
      assert.deepEqual(await outreach.callbacks.take(bob, shared), { ok: true, value: centerCampaign });
      assert.deepEqual(await outreach.callbacks.take(alice, shared), { ok: false, error: 'outreach.callbackTaken' }, 'held by Bob now');
      assert.deepEqual(await outreach.callbacks.take(alice, own), { ok: true, value: mineCampaign });
      const screen = await outreach.calls.screen(alice, mineCampaign);
      assert.ok(screen.ok && screen.value.contact?.id === own, 'the callback comes first on the calling screen');
      assert.ok((await outreach.calls.record(alice, mineCampaign, own, { outcome: 'declared', answers: {}, callbackAt: '' })).ok);
      const done = await outreach.callbacks.queue(alice);
      assert.ok(done.ok && done.value.every((item) => item.contact.id !== own));
    });
  });
}
