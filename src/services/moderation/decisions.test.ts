import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { counterRepository } from '../../repositories/counter-repository.ts';
import { staffLabel } from '../staff-auth-service.ts';
import { MAX_BULK } from './decisions.ts';
import { testEngines } from '../../../test/helpers/databases.ts';
import { moderationFixture, type ModerationFixture } from '../../../test/helpers/moderation-fixture.ts';

for (const engine of testEngines()) {
  describe(`moderation decisions (${engine})`, () => {
    let f: ModerationFixture;
    beforeEach(async () => {
      f = await moderationFixture(engine);
    });
    afterEach(() => f.ctx.close());

    test('approve publishes pending declarations and skips the rest, with events, receipts and audit', async () => {
      const { ctx, db, moderation, editor, admin, row, declare, events } = f;
      const a = await declare();
      const b = await declare({}, 'en');
      const published = await declare();
      assert.ok((await moderation.approve(admin, [published.registrationNumber])).ok);

      const result = await moderation.approve(editor, [
        a.registrationNumber,
        b.registrationNumber.replace(/(\d{4})/g, '$1 ').trim(),
        published.registrationNumber,
        '4111111111111111',
        'garbage',
        a.registrationNumber,
      ]);
      assert.ok(result.ok);
      assert.deepEqual(result.value, {
        done: [a.registrationNumber, b.registrationNumber],
        skipped: [
          { registrationNumber: published.registrationNumber, reason: 'wrongStatus' },
          { registrationNumber: '4111111111111111', reason: 'notFound' },
          { registrationNumber: 'garbage', reason: 'notFound' },
        ],
      });

      for (const receipt of [a, b]) {
        const declaration = await row(receipt.registrationNumber);
        assert.equal(declaration.status, 'published');
        assert.notEqual(declaration.published_at, null);
        const history = await events(receipt.registrationNumber);
        assert.deepEqual(
          history.map((e) => [e.kind, e.actor]),
          [
            ['submitted', 'declarant'],
            ['published', staffLabel(editor)],
          ],
        );
        const lookup = await ctx.services.declarations.lookup(receipt.registrationNumber, receipt.queryPassword);
        assert.ok(lookup.ok);
        assert.equal(lookup.value.status, 'published');
        assert.equal(lookup.value.rejectReason, null);
      }

      const entries = await f.audit.list(db, { action: 'declaration.approved', limit: 10 });
      assert.deepEqual(entries.map((e) => [e.targetId, e.actor, e.actorId, e.targetType]).reverse(), [
        [published.registrationNumber, staffLabel(admin), admin.id, 'declaration'],
        [a.registrationNumber, staffLabel(editor), editor.id, 'declaration'],
        [b.registrationNumber, staffLabel(editor), editor.id, 'declaration'],
      ]);
      assert.deepEqual(await f.audit.verify(db), { checked: 4, brokenAt: null }, 'keys.created and three decisions');

      assert.deepEqual(await moderation.approve(editor, []), { ok: false, error: 'moderation.noneTicked' });
      const tooMany = Array.from({ length: MAX_BULK + 1 }, () => a.registrationNumber);
      assert.deepEqual(await moderation.approve(editor, tooMany), { ok: false, error: 'request.invalid' });
    });

    test('reject stores the reason in the declarant’s language and shows it on the receipt', async () => {
      const { ctx, db, moderation, editor, row, declare, events, snapshot } = f;
      const hans = await declare({}, 'zh-hans');
      const hant = await declare({}, 'zh-hant');
      const en = await declare({}, 'en');
      const reasons = await moderation.reasons();
      assert.equal(reasons.length, 5);
      const reason = reasons[0]!;
      assert.equal(reason.id, 1);

      const result = await moderation.reject(editor, [hans.registrationNumber, hant.registrationNumber, en.registrationNumber], reason.id);
      assert.ok(result.ok);
      assert.equal(result.value.done.length, 3);
      for (const [receipt, locale] of [
        [hans, 'zh-hans'],
        [hant, 'zh-hant'],
        [en, 'en'],
      ] as const) {
        const expected = reason.labels[locale];
        const declaration = await row(receipt.registrationNumber);
        assert.equal(declaration.status, 'rejected');
        assert.equal(declaration.reject_reason, expected);
        assert.equal(declaration.published_at, null);
        const history = await events(receipt.registrationNumber);
        assert.deepEqual(history.at(-1) && [history.at(-1)!.kind, history.at(-1)!.actor, history.at(-1)!.reason], [
          'rejected',
          staffLabel(editor),
          expected,
        ]);
        const lookup = await ctx.services.declarations.lookup(receipt.registrationNumber, receipt.queryPassword);
        assert.ok(lookup.ok);
        assert.equal(lookup.value.status, 'rejected');
        assert.equal(lookup.value.rejectReason, expected);
      }
      const [last] = await f.audit.list(db, { action: 'declaration.rejected', limit: 1 });
      assert.deepEqual(last!.details, { from: 'pending', reasonId: 1, reason: reason.labels.en });
      assert.equal(last!.targetId, en.registrationNumber);
      assert.equal((await f.audit.verify(db)).brokenAt, null);

      // A second rejection of the same declaration is skipped, not repeated.
      const again = await moderation.reject(editor, [hans.registrationNumber], reason.id);
      assert.ok(again.ok);
      assert.deepEqual(again.value.skipped, [{ registrationNumber: hans.registrationNumber, reason: 'wrongStatus' }]);

      // Unknown and inactive reasons are refused before anything changes.
      const pending = await declare();
      await db.updateTable('reject_reasons').set({ active: 0 }).where('id', '=', 5).execute();
      const before = await snapshot();
      assert.deepEqual(await moderation.reject(editor, [pending.registrationNumber], 99), { ok: false, error: 'request.invalid' });
      assert.deepEqual(await moderation.reject(editor, [pending.registrationNumber], 5), { ok: false, error: 'request.invalid' });
      assert.deepEqual(await snapshot(), before);
      assert.deepEqual(
        (await moderation.reasons()).map((r) => r.id),
        [1, 2, 3, 4],
      );
    });

    test('unpublish takes a published declaration off the public record with a reason, from the day it was counted on', async () => {
      const { ctx, db, moderation, editor, volunteer, auditor, clockedService, declare, events, snapshot, inPublic } = f;
      const clock = { now: new Date('2025-03-01T04:00:00.000Z') };
      const timed = clockedService(clock);
      const receipt = await declare({ names: '万顺', region: '宁夏', headcount: 4 }, 'en');
      const pending = await declare();
      assert.ok((await timed.approve(editor, [receipt.registrationNumber])).ok);
      assert.equal((await inPublic(receipt, '2025-03-01')).total, 4);

      // Refusals say why and change nothing.
      const reasons = await moderation.reasons();
      const identifying = reasons.find((reason) => reason.labels.en.startsWith('Contains identifying'))!;
      const before = await snapshot();
      assert.deepEqual(await timed.unpublish(volunteer, receipt.registrationNumber, identifying.id), {
        ok: false,
        error: 'auth.forbidden',
      });
      assert.deepEqual(await timed.unpublish(auditor, receipt.registrationNumber, identifying.id), { ok: false, error: 'auth.forbidden' });
      assert.deepEqual(await timed.unpublish(editor, receipt.registrationNumber, 999), { ok: false, error: 'moderation.reasonInvalid' });
      assert.deepEqual(await timed.unpublish(editor, receipt.registrationNumber, Number.NaN), {
        ok: false,
        error: 'moderation.reasonInvalid',
      });
      assert.deepEqual(await timed.unpublish(editor, pending.registrationNumber, identifying.id), {
        ok: false,
        error: 'moderation.wrongStatus',
      });
      assert.deepEqual(await timed.unpublish(editor, '4111111111111111', identifying.id), { ok: false, error: 'request.notFound' });
      assert.deepEqual(await snapshot(), before);

      clock.now = new Date('2025-03-02T04:00:00.000Z');
      assert.deepEqual(await timed.unpublish(editor, receipt.registrationNumber, identifying.id), {
        ok: true,
        value: { registrationNumber: receipt.registrationNumber },
      });
      assert.deepEqual(await inPublic(receipt, '2025-03-01'), {
        total: 0,
        day: 0,
        regionOfDay: 0,
        permalink: 404,
        listedOnDay: false,
        foundByRegion: false,
        foundByAlias: false,
      });
      assert.deepEqual(await counterRepository.days(db, '2025-03-02', '2025-03-02'), []);
      const lookup = await ctx.services.declarations.lookup(receipt.registrationNumber, receipt.queryPassword);
      assert.ok(lookup.ok);
      assert.equal(lookup.value.status, 'rejected');
      assert.equal(lookup.value.rejectReason, identifying.labels.en);
      assert.deepEqual(
        (await events(receipt.registrationNumber)).map((e) => [e.kind, e.reason]),
        [
          ['submitted', null],
          ['published', null],
          ['rejected', identifying.labels.en],
        ],
      );
      const [entry] = await f.audit.list(db, { action: 'declaration.unpublished', limit: 1 });
      assert.equal(entry!.targetId, receipt.registrationNumber);
      assert.deepEqual(entry!.details, { from: 'published', reasonId: identifying.id, reason: identifying.labels.en });
      assert.equal((await ctx.services.counter.reconcile('test')).drift, false);
      assert.deepEqual(await timed.unpublish(editor, receipt.registrationNumber, identifying.id), {
        ok: false,
        error: 'moderation.wrongStatus',
      });
      assert.equal((await f.audit.verify(db)).brokenAt, null);
    });

    test('volunteers and auditors may not decide; volunteers may not read the queue; nothing changes', async () => {
      const { moderation, editor, volunteer, auditor, admin, declare, snapshot } = f;
      const receipt = await declare();
      const published = await declare();
      assert.ok((await moderation.approve(editor, [published.registrationNumber])).ok);
      assert.ok((await moderation.feature(editor, published.registrationNumber, '2025-03-01', true)).ok);
      const before = await snapshot();
      const forbidden = { ok: false, error: 'auth.forbidden' };
      for (const actor of [volunteer, auditor]) {
        assert.deepEqual(await moderation.approve(actor, [receipt.registrationNumber]), forbidden);
        assert.deepEqual(await moderation.reject(actor, [receipt.registrationNumber], 1), forbidden);
        assert.deepEqual(await moderation.redact(actor, receipt.registrationNumber, { title: 'x' }), forbidden);
        assert.deepEqual(await moderation.markDuplicate(actor, receipt.registrationNumber, published.registrationNumber), forbidden);
        assert.deepEqual(await moderation.feature(actor, published.registrationNumber, '2025-03-01', false), forbidden);
        assert.deepEqual(await moderation.dailySelection(actor, '2025-03-01'), forbidden);
      }
      assert.deepEqual(await moderation.queue(volunteer, {}), forbidden);
      const auditorQueue = await moderation.queue(auditor, {});
      assert.ok(auditorQueue.ok, 'auditors read the queue');
      assert.deepEqual(
        auditorQueue.value.items.map((i) => i.registrationNumber),
        [receipt.registrationNumber],
      );
      const adminSelection = await moderation.dailySelection(admin, '2025-03-01');
      assert.ok(adminSelection.ok);
      assert.equal(adminSelection.value.length, 1);
      assert.deepEqual(await snapshot(), before);
    });

    test('two editors deciding overlapping lists at once neither deadlock nor decide anything twice', async () => {
      const { db, moderation, editor, staffActor, row, declare, events } = f;
      const other = await staffActor('editor');
      for (let round = 0; round < 5; round++) {
        const numbers: string[] = [];
        for (let i = 0; i < 8; i++) numbers.push((await declare()).registrationNumber);
        const [first, second] = await Promise.all([
          moderation.approve(editor, numbers),
          moderation.reject(other, [...numbers].reverse(), 3),
        ]);
        assert.ok(first.ok && second.ok);
        assert.deepEqual([...first.value.done, ...second.value.done].sort(), [...numbers].sort());
        assert.equal(first.value.skipped.length + second.value.skipped.length, numbers.length);
        for (const number of numbers) {
          const decisions = (await events(number)).filter((e) => e.kind !== 'submitted');
          assert.equal(decisions.length, 1);
        }

        const a = await declare();
        const b = await declare();
        const marks = await Promise.all([
          moderation.markDuplicate(editor, a.registrationNumber, b.registrationNumber),
          moderation.markDuplicate(other, b.registrationNumber, a.registrationNumber),
        ]);
        assert.equal(marks.filter((m) => m.ok).length, 1, JSON.stringify(marks));
        assert.deepEqual(
          marks.find((m) => !m.ok),
          { ok: false, error: 'moderation.originalIsDuplicate' },
        );
        const links = [(await row(a.registrationNumber)).duplicate_of, (await row(b.registrationNumber)).duplicate_of];
        assert.equal(links.filter((link) => link !== null).length, 1, 'no cycle');
      }
      assert.deepEqual((await f.audit.verify(db)).brokenAt, null);
    });
  });
}
