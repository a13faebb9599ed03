import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { toDbTime } from '../../db/time.ts';
import { counterRepository } from '../../repositories/counter-repository.ts';
import { staffLabel } from '../staff-auth-service.ts';
import { testEngines } from '../../../test/helpers/databases.ts';
import { moderationFixture, type ModerationFixture } from '../../../test/helpers/moderation-fixture.ts';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

for (const engine of testEngines()) {
  describe(`moderation duplicates (${engine})`, () => {
    let f: ModerationFixture;
    beforeEach(async () => {
      f = await moderationFixture(engine);
    });
    afterEach(() => f.ctx.close());

    test('markDuplicate rejects the copy with the "duplicate" reason and links it to the original', async () => {
      const { ctx, db, moderation, editor, row, declare, events, snapshot } = f;
      const original = await declare();
      const copy = await declare({}, 'zh-hant');
      const result = await moderation.markDuplicate(editor, copy.registrationNumber, original.registrationNumber);
      assert.deepEqual(result, {
        ok: true,
        value: { registrationNumber: copy.registrationNumber, original: original.registrationNumber },
      });
      const copyRow = await row(copy.registrationNumber);
      const originalRow = await row(original.registrationNumber);
      assert.equal(copyRow.duplicate_of, originalRow.id);
      assert.equal(copyRow.status, 'rejected');
      assert.equal(copyRow.reject_reason, '與已有聲明重複');
      assert.equal(originalRow.status, 'pending');
      assert.equal(originalRow.duplicate_of, null);
      const history = await events(copy.registrationNumber);
      assert.deepEqual(
        history.map((e) => [e.kind, e.actor, e.reason]),
        [
          ['submitted', 'declarant', null],
          ['rejected', staffLabel(editor), '與已有聲明重複'],
        ],
      );
      const lookup = await ctx.services.declarations.lookup(copy.registrationNumber, copy.queryPassword);
      assert.ok(lookup.ok);
      assert.equal(lookup.value.status, 'rejected');
      assert.equal(lookup.value.rejectReason, '與已有聲明重複');
      const [entry] = await f.audit.list(db, { action: 'declaration.markedDuplicate', limit: 5 });
      assert.equal(entry!.targetId, copy.registrationNumber);
      assert.deepEqual(entry!.details, { from: 'pending', original: original.registrationNumber, reasonId: 2, reason: '與已有聲明重複' });

      const queue = await moderation.queue(editor, { status: 'rejected' });
      assert.ok(queue.ok);
      assert.equal(queue.value.items[0]!.duplicateOf, original.registrationNumber);

      // Refusals change nothing, and say why.
      const third = await declare();
      const retracted = await declare();
      assert.ok((await ctx.services.declarations.retract(retracted.registrationNumber, retracted.queryPassword)).ok);
      const before = await snapshot();
      assert.deepEqual(await moderation.markDuplicate(editor, third.registrationNumber, third.registrationNumber), {
        ok: false,
        error: 'moderation.selfDuplicate',
      });
      assert.deepEqual(await moderation.markDuplicate(editor, third.registrationNumber, copy.registrationNumber), {
        ok: false,
        error: 'moderation.originalIsDuplicate',
      });
      assert.deepEqual(await moderation.markDuplicate(editor, retracted.registrationNumber, original.registrationNumber), {
        ok: false,
        error: 'moderation.wrongStatus',
      });
      // A later declaration marked as original of an earlier one (rows locked the other way round).
      assert.deepEqual(await moderation.markDuplicate(editor, copy.registrationNumber, third.registrationNumber), {
        ok: false,
        error: 'moderation.wrongStatus',
      });
      assert.deepEqual(await moderation.markDuplicate(editor, third.registrationNumber, '4111111111111111'), {
        ok: false,
        error: 'request.notFound',
      });
      assert.deepEqual(await snapshot(), before);

      // An earlier declaration may be the duplicate of a later one.
      const earlier = await declare();
      const later = await declare();
      assert.ok((await moderation.markDuplicate(editor, earlier.registrationNumber, later.registrationNumber)).ok);
      assert.equal((await row(earlier.registrationNumber)).duplicate_of, (await row(later.registrationNumber)).id);
      assert.equal((await f.audit.verify(db)).brokenAt, null);
    });

    test('markDuplicate takes a published declaration off the count of the day it was counted on, and off the public record', async () => {
      const { ctx, db, editor, clockedService, row, declare, snapshot, inPublic } = f;
      const clock = { now: new Date('2025-03-01T04:00:00.000Z') };
      const timed = clockedService(clock);
      const original = await declare({ names: '万顺', region: '宁夏', headcount: 2 });
      const copy = await declare({ names: '萬順', region: '寧夏', headcount: 3 }, 'zh-hant');
      assert.ok((await timed.approve(editor, [original.registrationNumber, copy.registrationNumber])).ok);
      const published = await inPublic(copy, '2025-03-01');
      assert.deepEqual(published, {
        total: 5,
        day: 5,
        regionOfDay: 5,
        permalink: 200,
        listedOnDay: true,
        foundByRegion: true,
        foundByAlias: true,
      });

      clock.now = new Date('2025-03-04T04:00:00.000Z');
      const marked = await timed.markDuplicate(editor, copy.registrationNumber, original.registrationNumber);
      assert.deepEqual(marked, { ok: true, value: { registrationNumber: copy.registrationNumber, original: original.registrationNumber } });
      assert.deepEqual(await inPublic(copy, '2025-03-01'), {
        total: 2,
        day: 2,
        regionOfDay: 2,
        permalink: 404,
        listedOnDay: false,
        foundByRegion: false,
        foundByAlias: false,
      });
      assert.deepEqual(await counterRepository.days(db, '2025-03-02', '2025-03-31'), [], 'nothing is counted on the day of the mark');
      assert.equal((await inPublic(original, '2025-03-01')).permalink, 200);

      const copyRow = await row(copy.registrationNumber);
      assert.equal(copyRow.status, 'rejected');
      assert.equal(copyRow.duplicate_of, (await row(original.registrationNumber)).id);
      assert.equal(copyRow.reject_reason, '與已有聲明重複');
      const [entry] = await f.audit.list(db, { action: 'declaration.markedDuplicate', limit: 1 });
      assert.equal(entry!.targetId, copy.registrationNumber);
      assert.equal(entry!.actor, staffLabel(editor));
      assert.deepEqual(entry!.details, { from: 'published', original: original.registrationNumber, reasonId: 2, reason: '與已有聲明重複' });
      const report = await ctx.services.counter.reconcile('test');
      assert.equal(report.drift, false, 'the counters agree with the statements');

      // Marked once: a second mark, or publishing it again, is refused and changes nothing.
      const before = await snapshot();
      assert.deepEqual(await timed.markDuplicate(editor, copy.registrationNumber, original.registrationNumber), {
        ok: false,
        error: 'moderation.wrongStatus',
      });
      const again = await timed.approve(editor, [copy.registrationNumber]);
      assert.ok(again.ok);
      assert.deepEqual(again.value.skipped, [{ registrationNumber: copy.registrationNumber, reason: 'wrongStatus' }]);
      assert.deepEqual(await snapshot(), before);
    });

    test('the likely-duplicate signal folds scripts in the region as in the alias, and lists the suspected originals', async () => {
      const { moderation, editor, volunteer, declare, setColumns } = f;
      const base = new Date('2025-05-01T00:00:00.000Z').getTime();
      const original = await declare({ names: '万顺', region: '宁夏' });
      const copy = await declare({ names: '萬順', region: '寧夏' }, 'zh-hant');
      const elsewhere = await declare({ names: '万顺', region: '辽宁' });
      const noRegion = await declare({ names: '万顺' });
      const marked = await declare({ names: '万順', region: '宁 夏' });
      const later = await declare({ names: '万顺', region: 'Ningxia' });
      await setColumns(original.registrationNumber, { created_at: toDbTime(new Date(base)) });
      await setColumns(copy.registrationNumber, { created_at: toDbTime(new Date(base + 5 * DAY)) });
      await setColumns(elsewhere.registrationNumber, { created_at: toDbTime(new Date(base + DAY)) });
      await setColumns(noRegion.registrationNumber, { created_at: toDbTime(new Date(base + DAY)) });
      await setColumns(marked.registrationNumber, { created_at: toDbTime(new Date(base + 2 * DAY)) });
      // 'Ningxia' is another spelling, not another script: not folded into 宁夏.
      await setColumns(later.registrationNumber, { created_at: toDbTime(new Date(base + 3 * DAY)) });
      assert.ok((await moderation.markDuplicate(editor, marked.registrationNumber, original.registrationNumber)).ok);

      const page = await moderation.queue(editor);
      assert.ok(page.ok);
      const item = page.value.items.find((i) => i.registrationNumber === copy.registrationNumber)!;
      assert.equal(item.likelyDuplicates, 2, '万顺/宁夏 and 万順/宁 夏');
      const detail = await moderation.item(editor, copy.registrationNumber);
      assert.ok(detail.ok);
      assert.equal(detail.value.likelyDuplicates, 2);

      const suspected = await moderation.suspectedOriginals(editor, copy.registrationNumber);
      assert.ok(suspected.ok);
      assert.equal(suspected.value.total, 2);
      assert.deepEqual(
        suspected.value.items.map((i) => [i.registrationNumber, i.region, i.status, i.isDuplicate]),
        [
          [marked.registrationNumber, '宁 夏', 'rejected', true],
          [original.registrationNumber, '宁夏', 'pending', false],
        ],
      );
      assert.deepEqual(suspected.value.items[1]!.names, ['万顺']);
      const none = await moderation.suspectedOriginals(editor, elsewhere.registrationNumber);
      assert.deepEqual(none, { ok: true, value: { items: [], total: 0 } });
      const noRegionOnly = await moderation.suspectedOriginals(editor, noRegion.registrationNumber);
      assert.deepEqual(noRegionOnly, { ok: true, value: { items: [], total: 0 } });
      assert.deepEqual(await moderation.suspectedOriginals(volunteer, copy.registrationNumber), { ok: false, error: 'auth.forbidden' });
      assert.deepEqual(await moderation.suspectedOriginals(editor, '4111111111111111'), { ok: false, error: 'request.notFound' });
    });
  });
}
