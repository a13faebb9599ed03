import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.ts';
import { moderationFixture, type ModerationFixture } from '../../../test/helpers/moderation-fixture.ts';

for (const engine of testEngines()) {
  describe(`moderation selection (${engine})`, () => {
    let f: ModerationFixture;
    beforeEach(async () => {
      f = await moderationFixture(engine);
    });
    afterEach(() => f.ctx.close());

    test('feature and unfeature a published declaration; the daily selection holds only public fields', async () => {
      const { ctx, db, moderation, editor, admin, row, auditCount, declare } = f;
      const pending = await declare();
      const published = await declare({ statement: '<script>alert(1)</script>', title: '=HYPERLINK("x")' });
      const other = await declare({ names: '安宁' });
      const retracted = await declare({ names: '平安' });
      assert.ok(
        (await moderation.approve(editor, [published.registrationNumber, other.registrationNumber, retracted.registrationNumber])).ok,
      );

      assert.deepEqual(await moderation.feature(editor, pending.registrationNumber, '2025-03-01', true), {
        ok: false,
        error: 'request.invalid',
      });
      assert.deepEqual(await moderation.feature(editor, published.registrationNumber, '2025-02-30', true), {
        ok: false,
        error: 'request.invalid',
      });
      assert.deepEqual(await moderation.feature(editor, '4111111111111111', '2025-03-01', true), {
        ok: false,
        error: 'request.notFound',
      });

      for (const receipt of [published, other, retracted]) {
        const featured = await moderation.feature(editor, receipt.registrationNumber, '2025-03-01', true);
        assert.deepEqual(featured, {
          ok: true,
          value: { registrationNumber: receipt.registrationNumber, featuredOn: '2025-03-01', changed: true },
        });
      }
      assert.equal((await row(published.registrationNumber)).featured_on, '2025-03-01');
      const retraction = await ctx.services.declarations.retract(retracted.registrationNumber, retracted.queryPassword);
      assert.ok(retraction.ok);

      const audits = await auditCount();
      const again = await moderation.feature(editor, published.registrationNumber, '2025-03-01', true);
      assert.deepEqual(again, {
        ok: true,
        value: { registrationNumber: published.registrationNumber, featuredOn: '2025-03-01', changed: false },
      });
      assert.equal(await auditCount(), audits, 'no change, no audit entry');

      const selection = await moderation.dailySelection(editor, '2025-03-01');
      assert.ok(selection.ok);
      assert.deepEqual(
        selection.value.map((item) => item.registrationNumber),
        [published.registrationNumber, other.registrationNumber],
      );
      assert.deepEqual(Object.keys(selection.value[0]!).sort(), [
        'behalf',
        'headcount',
        'names',
        'orgs',
        'publishedAt',
        'region',
        'registrationNumber',
        'statement',
        'title',
      ]);
      assert.equal(selection.value[0]!.statement, '<script>alert(1)</script>');
      assert.deepEqual(await moderation.dailySelection(editor, '2025-03-02'), { ok: true, value: [] });

      // Unfeaturing takes it out of that day only; another day leaves it alone.
      const wrongDay = await moderation.feature(editor, other.registrationNumber, '2025-03-02', false);
      assert.deepEqual(wrongDay, {
        ok: true,
        value: { registrationNumber: other.registrationNumber, featuredOn: '2025-03-01', changed: false },
      });
      const unfeatured = await moderation.feature(editor, other.registrationNumber, '2025-03-01', false);
      assert.deepEqual(unfeatured, { ok: true, value: { registrationNumber: other.registrationNumber, featuredOn: null, changed: true } });
      assert.equal((await row(other.registrationNumber)).featured_on, null);
      const moved = await moderation.feature(editor, published.registrationNumber, '2025-03-05', true);
      assert.ok(moved.ok);

      const entries = await f.audit.list(db, { limit: 5 });
      assert.deepEqual(
        entries.slice(0, 2).map((e) => [e.action, e.targetId, e.details]),
        [
          ['declaration.featured', published.registrationNumber, { day: '2025-03-05', previous: '2025-03-01' }],
          ['declaration.unfeatured', other.registrationNumber, { day: '2025-03-01' }],
        ],
      );
      const featuredEntries = await f.audit.list(db, { action: 'declaration.featured', limit: 10 });
      assert.equal(featuredEntries.length, 4);
      assert.deepEqual(featuredEntries.at(-1)!.details, { day: '2025-03-01', previous: null });
      const day1 = await moderation.dailySelection(admin, '2025-03-01');
      assert.deepEqual(day1, { ok: true, value: [] });
      assert.equal((await f.audit.verify(db)).brokenAt, null);
    });
  });
}
