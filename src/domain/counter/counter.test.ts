import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addDays,
  calendarBounds,
  countingDay,
  dayStart,
  hourIn,
  isTimeZone,
  lastDayOfMonth,
  latestDateOnEarth,
  monthStart,
  weekStart,
} from './counting-day.ts';
import { fullCount, shortCount } from './format-count.ts';
import { nextMilestone, reachedMilestones } from './milestones.ts';
import { regionKey } from './region-key.ts';

describe('counting days', () => {
  test('a day is the calendar day in the counting zone', () => {
    const instant = new Date('2026-03-01T17:30:00Z');
    assert.equal(countingDay(instant, 'Asia/Shanghai'), '2026-03-02');
    assert.equal(countingDay(instant, 'UTC'), '2026-03-01');
    assert.equal(countingDay(instant, 'America/New_York'), '2026-03-01');
  });

  test('around daylight saving changes in New York', () => {
    // 2026-03-08: clocks go from 02:00 to 03:00 EST→EDT; 2026-11-01: back from 02:00 EDT to 01:00 EST.
    assert.equal(countingDay(new Date('2026-03-08T04:59:59Z'), 'America/New_York'), '2026-03-07');
    assert.equal(countingDay(new Date('2026-03-08T05:00:00Z'), 'America/New_York'), '2026-03-08');
    assert.equal(countingDay(new Date('2026-03-09T03:59:59Z'), 'America/New_York'), '2026-03-08', 'a 23-hour day');
    assert.equal(countingDay(new Date('2026-03-09T04:00:00Z'), 'America/New_York'), '2026-03-09');
    assert.equal(countingDay(new Date('2026-11-02T04:59:59Z'), 'America/New_York'), '2026-11-01', 'a 25-hour day');
    assert.equal(countingDay(new Date('2026-11-02T05:00:00Z'), 'America/New_York'), '2026-11-02');
  });

  test('a day starts at midnight in the counting zone', () => {
    assert.equal(dayStart('2026-12-07', 'Asia/Shanghai').toISOString(), '2026-12-06T16:00:00.000Z');
    assert.equal(dayStart('2026-12-07', 'UTC').toISOString(), '2026-12-07T00:00:00.000Z');
    assert.equal(dayStart('2026-03-08', 'America/New_York').toISOString(), '2026-03-08T05:00:00.000Z');
    assert.equal(dayStart('2026-03-09', 'America/New_York').toISOString(), '2026-03-09T04:00:00.000Z', 'after a 23-hour day');
    // Santiago skips from 23:59:59 to 01:00 when its clocks go forward: the day starts at 01:00.
    assert.equal(dayStart('2026-09-06', 'America/Santiago').toISOString(), '2026-09-06T04:00:00.000Z');
  });

  test('weeks start on Monday; months on the first; day arithmetic crosses months and leap days', () => {
    assert.equal(weekStart('2026-11-23'), '2026-11-23');
    assert.equal(weekStart('2026-11-29'), '2026-11-23');
    assert.equal(weekStart('2026-11-01'), '2026-10-26');
    assert.equal(monthStart('2026-11-23'), '2026-11-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  });

  test('the hour of the wall clock, and the day it belongs to', () => {
    assert.deepEqual(hourIn(new Date('2026-03-01T19:30:00Z'), 'Asia/Shanghai'), { day: '2026-03-02', hour: 3 });
    assert.deepEqual(
      hourIn(new Date('2026-03-01T16:00:00Z'), 'Asia/Shanghai'),
      { day: '2026-03-02', hour: 0 },
      'midnight is hour 0, not 24',
    );
    // 2026-11-01 in New York: 01:30 comes twice, first EDT (05:30Z), then EST (06:30Z).
    assert.deepEqual(hourIn(new Date('2026-11-01T05:30:00Z'), 'America/New_York'), { day: '2026-11-01', hour: 1 });
    assert.deepEqual(hourIn(new Date('2026-11-01T06:30:00Z'), 'America/New_York'), { day: '2026-11-01', hour: 1 });
    assert.deepEqual(hourIn(new Date('2026-11-01T08:00:00Z'), 'America/New_York'), { day: '2026-11-01', hour: 3 });
  });

  test('today and this month start at local midnight, daylight saving included', () => {
    const now = new Date('2025-06-14T20:00:00Z');
    assert.deepEqual(calendarBounds(now, 'Asia/Shanghai'), {
      dayStart: new Date('2025-06-14T16:00:00Z'),
      monthStart: new Date('2025-05-31T16:00:00Z'),
    });
    assert.deepEqual(calendarBounds(now, 'UTC'), {
      dayStart: new Date('2025-06-14T00:00:00Z'),
      monthStart: new Date('2025-06-01T00:00:00Z'),
    });
    // New York is on EDT (UTC-4) in March after the 9th, on EST (UTC-5) on the first of March.
    assert.deepEqual(calendarBounds(new Date('2025-03-10T12:00:00Z'), 'America/New_York'), {
      dayStart: new Date('2025-03-10T04:00:00Z'),
      monthStart: new Date('2025-03-01T05:00:00Z'),
    });
    // Santiago skips from 00:00 to 01:00 on 2025-09-07: the day starts at 01:00 local.
    assert.deepEqual(calendarBounds(new Date('2025-09-07T12:00:00Z'), 'America/Santiago').dayStart, new Date('2025-09-07T04:00:00Z'));
  });

  test('the last day of a month, leap years included', () => {
    assert.equal(lastDayOfMonth('2024-02'), '2024-02-29');
    assert.equal(lastDayOfMonth('2100-02'), '2100-02-28');
    assert.equal(lastDayOfMonth('2026-04'), '2026-04-30');
    assert.equal(lastDayOfMonth('2026-12'), '2026-12-31');
  });

  test('known zones, and the latest date anywhere on Earth', () => {
    assert.equal(isTimeZone('Asia/Shanghai'), true);
    assert.equal(isTimeZone('UTC'), true);
    assert.equal(isTimeZone('Mars/Olympus_Mons'), false);
    assert.equal(isTimeZone(''), false);
    assert.equal(latestDateOnEarth(new Date('2026-03-01T09:59:59Z')), '2026-03-01');
    assert.equal(latestDateOnEarth(new Date('2026-03-01T10:00:00Z')), '2026-03-02', 'Kiritimati (UTC+14) is on the next day');
  });

  test('regions count by province, whatever the script or language', () => {
    assert.equal(regionKey('辽宁大连'), '辽宁');
    assert.equal(regionKey('遼寧'), '辽宁');
    assert.equal(regionKey('Liaoning, Dalian'), '辽宁');
    assert.equal(regionKey('黑龙江'), '黑龙江');
    assert.equal(regionKey('月球'), 'other');
    assert.equal(regionKey(null), 'none');
  });
});

describe('showing counts', () => {
  test('Chinese truncates, never rounds up', () => {
    assert.equal(shortCount(466_789_123, 'zh-hans'), '4.66亿');
    assert.equal(shortCount(466_999_999, 'zh-hans'), '4.66亿');
    assert.equal(shortCount(466_999_999, 'zh-hant'), '4.66億');
    assert.equal(shortCount(99_999_999, 'zh-hans'), '9999.99万');
    assert.equal(shortCount(12_345, 'zh-hans'), '1.23万');
    assert.equal(shortCount(9_999, 'zh-hans'), '9999');
    assert.equal(shortCount(466_789_123, 'en'), '466.78 million');
    assert.equal(fullCount(466_789_123, 'en'), '466,789,123');
    // A round figure without its empty decimals: milestones read 1亿 and 400 million.
    assert.equal(shortCount(100_000_000, 'zh-hans'), '1亿');
    assert.equal(shortCount(460_000_000, 'zh-hant'), '4.6億');
    assert.equal(shortCount(400_000_000, 'en'), '400 million');
    assert.equal(shortCount(10_000, 'zh-hans'), '1万');
    assert.equal(shortCount(1_000_000_000, 'en'), '1 billion');
  });

  test('milestones are reached on the day the running total crosses them', () => {
    const days = [
      { day: '2005-01-01', people: 60_000_000 },
      { day: '2006-01-01', people: 50_000_000 },
      { day: '2007-01-01', people: 150_000_000 },
    ];
    assert.deepEqual(reachedMilestones(days), [
      { people: 100_000_000, day: '2006-01-01' },
      { people: 200_000_000, day: '2007-01-01' },
    ]);
    assert.deepEqual(nextMilestone(466_000_000), { people: 500_000_000, progress: 0.66 });
    assert.deepEqual(nextMilestone(0), { people: 100_000_000, progress: 0 });
  });
});
