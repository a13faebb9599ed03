import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.ts';
import { addCenter, importedCampaign, mobile, outreachWithClock, staffActor } from '../../../test/helpers/outreach.ts';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { OUTCOMES, type Outcome } from '../../domain/outreach/outcomes.ts';
import type { Actor } from '../../domain/staff/permissions.ts';

for (const engine of testEngines()) {
  describe(`outreach calls (${engine})`, () => {
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
    const db = () => ctx.services.database.db;

    const campaignWith = (size: number) => importedCampaign(outreach(), admin, centerId, size, { leaseSize: String(size) });

    const row = (id: number) => db().selectFrom('outreach_contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    test('each outcome applies its consequence and frees the next contact', async () => {
      const campaign = await campaignWith(OUTCOMES.length);
      const volunteer = await staffActor(ctx, 'volunteer', centerId);
      assert.ok((await outreach().leases.take(volunteer, campaign)).ok);
      const expected: Record<Outcome, string> = {
        noAnswer: 'open',
        busy: 'open',
        voicemail: 'open',
        wrongNumber: 'closed',
        disconnected: 'closed',
        refused: 'closed',
        hostile: 'suppressed',
        languageBarrier: 'closed',
        alreadyDeclared: 'closed',
        wantsMaterials: 'closed',
        callbackRequested: 'callback',
        declared: 'closed',
        doNotCall: 'suppressed',
      };
      const seen: number[] = [];
      for (const outcome of OUTCOMES) {
        const screen = await outreach().calls.screen(volunteer, campaign);
        assert.ok(screen.ok && screen.value.contact);
        const contact = screen.value.contact;
        assert.ok(!seen.includes(contact.id), 'the next contact is a new one');
        seen.push(contact.id);
        const recorded = await outreach().calls.record(volunteer, campaign, contact.id, {
          outcome,
          answers: {},
          callbackAt: '2026-12-08T10:30',
        });
        assert.ok(recorded.ok && recorded.value.outcome === outcome, outcome);
        const stored = await row(contact.id);
        assert.equal(stored.status, expected[outcome], outcome);
        assert.equal(stored.attempts, 1);
        assert.equal(stored.leased_to, null);
        if (outcome === 'noAnswer') assert.equal(new Date(stored.next_attempt_at!).toISOString(), '2026-12-07T06:00:00.000Z');
        if (outcome === 'callbackRequested') {
          // 10:30 in Shanghai is 02:30 UTC.
          assert.equal(new Date(stored.next_attempt_at!).toISOString(), '2026-12-08T02:30:00.000Z');
          assert.equal(stored.callback_for, volunteer.id);
        }
        if (outcome === 'doNotCall') {
          const listed = await db()
            .selectFrom('outreach_do_not_call')
            .select('phone_hmac')
            .where('phone_hmac', '=', stored.phone_hmac!)
            .execute();
          assert.equal(listed.length, 1);
        }
      }
      const done = await outreach().calls.screen(volunteer, campaign);
      assert.ok(done.ok && done.value.contact === null);
      const attempts = await db().selectFrom('outreach_attempts').select('outcome').where('campaign_id', '=', campaign).execute();
      assert.deepEqual(attempts.map((attempt) => attempt.outcome).sort(), [...OUTCOMES].sort());
    });

    test('retries stop after their attempts; an outcome is required; a callback needs a future time', async () => {
      const campaign = await campaignWith(1);
      const volunteer = await staffActor(ctx, 'volunteer', centerId);
      let contactId = 0;
      for (let attempt = 1; attempt <= 5; attempt++) {
        const lease = await outreach().leases.take(volunteer, campaign);
        assert.ok(lease.ok && lease.value.contacts.length === 1, `attempt ${attempt} leases the contact again`);
        contactId = lease.value.contacts[0]!.id;
        if (attempt === 1) {
          assert.deepEqual(await outreach().calls.record(volunteer, campaign, contactId, { outcome: '', answers: {}, callbackAt: '' }), {
            ok: false,
            error: 'outreach.outcomeRequired',
          });
          assert.deepEqual(
            await outreach().calls.record(volunteer, campaign, contactId, {
              outcome: 'callbackRequested',
              answers: {},
              callbackAt: '2026-12-06T10:00',
            }),
            {
              ok: false,
              error: 'outreach.callbackTimeInvalid',
            },
          );
          assert.deepEqual(
            await outreach().calls.record(volunteer, campaign, contactId, { outcome: 'refused', answers: { q: 'a' }, callbackAt: '' }),
            { ok: false, error: 'outreach.answersInvalid' },
          );
        }
        assert.ok((await outreach().calls.record(volunteer, campaign, contactId, { outcome: 'noAnswer', answers: {}, callbackAt: '' })).ok);
        const leased = await outreach().leases.take(volunteer, campaign);
        assert.ok(leased.ok && leased.value.taken === 0, 'not due again yet');
        clock.advanceHours(4);
      }
      const stored = await row(contactId);
      assert.equal(stored.status, 'closed');
      assert.equal(stored.attempts, 5);
    });

    test('a number is revealed only to who holds it, and every reveal is audited', async () => {
      const campaign = await campaignWith(1);
      const volunteer = await staffActor(ctx, 'volunteer', centerId);
      const other = await staffActor(ctx, 'volunteer', centerId);
      const lease = await outreach().leases.take(volunteer, campaign);
      assert.ok(lease.ok);
      const contactId = lease.value.contacts[0]!.id;
      assert.deepEqual(await outreach().calls.reveal(other, campaign, contactId), { ok: false, error: 'outreach.notHeld' });
      assert.deepEqual(await outreach().calls.reveal(volunteer, campaign, contactId), {
        ok: true,
        value: { number: `+86${mobile(campaign * 1000)}`, href: `tel:+86${mobile(campaign * 1000)}` },
      });
      assert.ok((await outreach().calls.reveal(volunteer, campaign, contactId)).ok);
      assert.deepEqual(await outreach().calls.record(other, campaign, contactId, { outcome: 'refused', answers: {}, callbackAt: '' }), {
        ok: false,
        error: 'outreach.notHeld',
      });
      const reveals = await db()
        .selectFrom('audit_log')
        .select(['actor_id', 'details'])
        .where('action', '=', 'outreach.number.revealed')
        .execute();
      assert.deepEqual(
        reveals.map((entry) => [entry.actor_id, JSON.parse(entry.details).contact]),
        [
          [volunteer.id, contactId],
          [volunteer.id, contactId],
        ],
      );
      assert.ok(!JSON.stringify(reveals).includes(mobile(campaign * 1000)));
    });
  });
}
