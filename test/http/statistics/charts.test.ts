import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { barListChartSvg } from '../../../src/http/views/charts/bar-list-chart.ts';
import { columnChartSvg, type Column } from '../../../src/http/views/charts/column-chart.ts';
import { granularityFor, toPeriods } from '../../../src/http/views/charts/periods.ts';
import { addDays } from '../../../src/domain/counter/counting-day.ts';
import {
  MOVEMENT_FIRST_DAY,
  addYears,
  earliestFrom,
  fillDays,
  firstCountedDay,
  parseDayRange,
} from '../../../src/domain/counter/day-range.ts';
import { REGIONS } from '../../../src/domain/declaration/regions.ts';

import { MAX_CHART_BYTES, assertInertSvg } from './kit.ts';

describe('charts', () => {
  const tick = (value: number) => String(value);
  const days = (count: number, value: (index: number) => number): Column[] =>
    Array.from({ length: count }, (_, index) => {
      const day = addDays('2025-01-01', index);
      return { key: day, label: day.slice(5), value: value(index) };
    });

  test('an empty range draws nothing, so the page can say so in words', () => {
    assert.equal(columnChartSvg({ id: 'c', title: 't', description: 'd', columns: [], formatTick: tick }), null);
    assert.equal(columnChartSvg({ id: 'c', title: 't', description: 'd', columns: days(30, () => 0), formatTick: tick }), null);
    assert.equal(barListChartSvg({ id: 'b', title: 't', description: 'd', bars: [], formatValue: tick, formatTick: tick }), null);
    assert.equal(
      barListChartSvg({ id: 'b', title: 't', description: 'd', bars: [{ label: 'x', value: 0 }], formatValue: tick, formatTick: tick }),
      null,
    );
  });

  test('a single day is one bar of bounded width, with its label and the axis', () => {
    const svg = columnChartSvg({ id: 'one', title: 'People per day', description: 'one day', columns: days(1, () => 7), formatTick: tick });
    assert.ok(svg);
    assert.match(svg, /^<svg role="img" aria-labelledby="one-title one-desc" viewBox="0 0 640 220"/);
    assert.match(svg, /<title id="one-title">People per day<\/title><desc id="one-desc">one day<\/desc>/);
    const bars = /<path d="([^"]+)" fill="#8a1c1c"\/>/.exec(svg)?.[1] ?? '';
    assert.equal(bars.split('Z').length - 1, 1, 'one closed bar');
    const xs = [...bars.matchAll(/[ML]([\d.]+),/g)].map((match) => Number(match[1]));
    assert.ok(Math.max(...xs) - Math.min(...xs) <= 40, 'a lone bar is not stretched across the chart');
    assert.match(svg, />01-01<\/text>/);
    assert.match(svg, />8<\/text>/, 'the value axis reaches past the figure, to a round number');
  });

  test('a one-person day next to a large one still shows', () => {
    const svg = columnChartSvg({
      id: 'c',
      title: 't',
      description: 'd',
      columns: days(2, (index) => (index === 0 ? 1 : 100_000)),
      formatTick: tick,
    });
    assert.equal((/<path d="([^"]+)" fill="#8a1c1c"\/>/.exec(svg ?? '')?.[1] ?? '').split('Z').length - 1, 2);
  });

  test('labels are escaped and the SVG stays inert', () => {
    const hostile = '<script>alert(1)</script>" onload="x';
    const bar = barListChartSvg({
      id: 'regions',
      title: hostile,
      description: hostile,
      bars: [{ label: hostile, value: 3 }],
      formatValue: tick,
      formatTick: tick,
    });
    assert.ok(bar);
    assertInertSvg(bar);
    assert.match(bar, /&lt;script&gt;/);
    assert.throws(() => columnChartSvg({ id: 'x" onload="y', title: '', description: '', columns: days(1, () => 1), formatTick: tick }));
  });

  test('charts stay small at their largest', () => {
    const big = (index: number) => 123_456_789 - index * 1_000;
    const daily = columnChartSvg({ id: 'chart-time', title: 'People per day', description: 'd', columns: days(92, big), formatTick: tick });
    const monthly = columnChartSvg({
      id: 'chart-time',
      title: 'People per month',
      description: 'd',
      columns: Array.from({ length: 60 }, (_, index) => ({ key: String(index), label: `2025年${(index % 12) + 1}月`, value: big(index) })),
      formatTick: tick,
    });
    const regions = barListChartSvg({
      id: 'chart-regions',
      title: 'By region',
      description: 'd',
      bars: REGIONS.slice(0, 10).map((region, index) => ({ label: region.en, value: big(index) })),
      formatValue: (value) => value.toLocaleString('en'),
      formatTick: tick,
    });
    for (const svg of [daily, monthly, regions]) {
      assert.ok(svg);
      assert.ok(Buffer.byteLength(svg) < MAX_CHART_BYTES, `${Buffer.byteLength(svg)} bytes`);
      assertInertSvg(svg);
    }
  });

  test('up to 92 days a bar is a day, up to 60 months a month, then a year', () => {
    assert.equal(granularityFor('2025-01-01', '2025-01-01'), 'day');
    assert.equal(granularityFor('2025-01-01', addDays('2025-01-01', 91)), 'day');
    assert.equal(granularityFor('2025-01-01', addDays('2025-01-01', 92)), 'month');
    assert.equal(granularityFor('2021-01-01', '2025-12-31'), 'month');
    assert.equal(granularityFor('2020-12-31', '2025-12-31'), 'year');

    const filled = fillDays(
      [{ day: '2025-01-31', declarations: 1, people: 2, party: 2, league: 0, pioneers: 0, inRegistry: 2, carriedOver: 0 }],
      '2025-01-15',
      '2025-03-31',
    );
    const months = toPeriods(filled, 'month');
    assert.deepEqual(
      months.map((period) => [period.key, period.from, period.to, period.partial, period.people]),
      [
        ['2025-01', '2025-01-15', '2025-01-31', true, 2],
        ['2025-02', '2025-02-01', '2025-02-28', false, 0],
        ['2025-03', '2025-03-01', '2025-03-31', false, 0],
      ],
    );
  });

  test('a range of days: defaults, real dates, order, from the first counted day to today', () => {
    const rules = { today: '2026-03-10', defaultDays: 30, firstDay: '2004-12-01' };
    assert.deepEqual(parseDayRange({}, rules), { ok: true, from: '2026-02-09', to: '2026-03-10' });
    assert.deepEqual(parseDayRange({ from: ' ', to: '' }, rules), { ok: true, from: '2026-02-09', to: '2026-03-10' });
    assert.deepEqual(parseDayRange({ from: '2024-02-29', to: '2024-02-29' }, rules), { ok: true, from: '2024-02-29', to: '2024-02-29' });
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-1', '20250101', '0000-01-01', '+02025-01-01', '２０２５-01-01']) {
      assert.deepEqual(parseDayRange({ from: bad }, rules), { ok: false, problems: [{ field: 'from', code: 'date.invalid' }] }, bad);
    }
    assert.deepEqual(parseDayRange({ from: '2026-03-02', to: '2026-03-01' }, rules), {
      ok: false,
      problems: [{ field: 'to', code: 'range.reversed', from: '2026-03-02' }],
    });
    assert.deepEqual(
      parseDayRange({ from: '2004-12-01', to: '2026-03-10' }, rules),
      { ok: true, from: '2004-12-01', to: '2026-03-10' },
      'everything',
    );
    assert.deepEqual(parseDayRange({ from: '2004-11-30' }, rules), {
      ok: false,
      problems: [{ field: 'from', code: 'range.tooEarly', first: '2004-12-01' }],
    });
    assert.deepEqual(parseDayRange({ from: '2000-01-01', to: '2000-01-05' }, rules), {
      ok: false,
      problems: [
        { field: 'from', code: 'range.tooEarly', first: '2004-12-01' },
        { field: 'to', code: 'range.tooEarly', first: '2004-12-01' },
      ],
    });
    assert.deepEqual(parseDayRange({ from: '2026-03-10', to: '9999-12-31' }, rules), {
      ok: false,
      problems: [{ field: 'to', code: 'range.tooLate', today: '2026-03-10' }],
    });
    assert.deepEqual(
      parseDayRange({ to: '2004-12-10' }, rules),
      { ok: true, from: '2004-12-01', to: '2004-12-10' },
      'the default start stops at the first day',
    );
    const older = { ...rules, firstDay: firstCountedDay('1999-07-20') };
    assert.deepEqual(
      parseDayRange({ from: '1999-07-20' }, older),
      { ok: true, from: '1999-07-20', to: '2026-03-10' },
      'carried-over days count',
    );
    assert.equal(firstCountedDay(null), MOVEMENT_FIRST_DAY);
    assert.equal(firstCountedDay('2010-01-01'), '2004-12-01', 'never later than the movement’s first day');
    assert.equal(addYears('2024-02-29', -1), '2023-02-28');
    assert.equal(earliestFrom('0005-06-01', 20), '0001-01-01');
  });
});
