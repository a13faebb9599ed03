import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reachedMilestones } from '../../domain/counter/milestones.ts';
import { readLegacyTotals } from '../../domain/history/legacy-totals-csv.ts';
import { legacyTotalsCsv } from './legacy-totals.ts';

test('the synthetic export reads back whole, with the published milestones on their days', () => {
  const csv = legacyTotalsCsv('2026-10-31');
  const file = readLegacyTotals(new TextEncoder().encode(csv), '2026-12-07');
  assert.ok(file.ok);
  assert.equal(file.days[0]!.day, '2004-12-03');
  assert.equal(file.days.at(-1)!.day, '2026-10-31');
  assert.ok(file.days.every((day) => day.people > 0));
  assert.deepEqual(
    reachedMilestones(file.days).map((milestone) => milestone.day),
    ['2012-04-16', '2016-08-22', '2020-12-14', '2022-08-03'],
  );
  const total = file.days.reduce((sum, day) => sum + day.people, 0);
  assert.ok(total > 460_000_000 && total < 470_000_000, `about 467 million by October 2026, not ${total}`);
  assert.equal(legacyTotalsCsv('2026-10-31'), csv, 'the same seed writes the same file');
});
