import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countingDay } from '../domain/counter/counting-day.ts';
import { catalogFor } from './index.ts';
import { zoneName, zonedDate, zonedDateTime, zonedDay, zonedStamp } from './zoned-time.ts';

const hans = catalogFor('zh-hans');
const hant = catalogFor('zh-hant');
const en = catalogFor('en');

describe('zoned time', () => {
  test('names the counting zone as its readers do', () => {
    assert.equal(zoneName(hans, 'Asia/Shanghai'), '北京时间');
    assert.equal(zoneName(hant, 'Asia/Shanghai'), '北京時間');
    assert.equal(zoneName(en, 'Asia/Shanghai'), 'Beijing time');
    assert.equal(zoneName(en, 'Asia/Chongqing'), 'Beijing time', 'an old name of the same zone');
    assert.equal(zoneName(hans, 'Europe/Berlin'), '中欧时间');
    assert.equal(zoneName(hant, 'Europe/Berlin'), '中歐時間');
    assert.equal(zoneName(en, 'Europe/Berlin'), 'Central European Time');
    assert.equal(zoneName(hans, 'UTC'), '协调世界时', 'no generic name: the standard one, not an offset');
    assert.equal(zoneName(en, 'UTC'), 'Coordinated Universal Time');
  });

  test('the date changes at midnight in the zone, not in UTC', () => {
    const evening = new Date('2026-12-06T15:59:59Z'); // 23:59:59 in Beijing
    const night = new Date('2026-12-06T16:00:00Z'); // 00:00 the next day
    const late = new Date('2026-12-06T23:59:59Z'); // still the 6th in UTC, 07:59:59 on the 7th in Beijing
    assert.equal(zonedDate(evening, hans, 'Asia/Shanghai'), '2026年12月6日（北京时间）');
    assert.equal(zonedDate(night, hans, 'Asia/Shanghai'), '2026年12月7日（北京时间）');
    assert.equal(zonedDate(late, hant, 'Asia/Shanghai'), '2026年12月7日（北京時間）');
    assert.equal(zonedDate(late, en, 'Asia/Shanghai'), 'December 7, 2026 (Beijing time)');
    assert.equal(zonedDate(late, en, 'UTC'), 'December 6, 2026 (Coordinated Universal Time)');
    for (const at of [evening, night, late]) {
      assert.equal(zonedStamp(at, 'Asia/Shanghai').slice(0, 10), countingDay(at, 'Asia/Shanghai'), 'the same day as the counters');
    }
  });

  test('a date and time, in each language', () => {
    const at = new Date('2026-12-06T17:30:00Z');
    assert.equal(zonedDateTime(at, hans, 'Asia/Shanghai'), '2026年12月7日 01:30（北京时间）');
    assert.equal(zonedDateTime(at, hant, 'Asia/Shanghai'), '2026年12月7日 凌晨1:30（北京時間）');
    assert.equal(zonedDateTime(at, en, 'Asia/Shanghai'), 'December 7, 2026 at 1:30 AM (Beijing time)');
  });

  test('a counting day is already a date in the zone', () => {
    assert.equal(zonedDay('2026-12-07', hans, 'Asia/Shanghai'), '2026年12月7日（北京时间）');
    assert.equal(zonedDay('2026-12-07', en, 'America/New_York'), 'December 7, 2026 (Eastern Time)');
  });

  test('stamps follow the wall clock across daylight saving', () => {
    assert.equal(zonedStamp(new Date('2026-12-06T17:30:05Z'), 'Asia/Shanghai'), '2026-12-07 01:30');
    assert.equal(zonedStamp(new Date('2026-12-06T17:30:05Z'), 'Asia/Shanghai', 'second'), '2026-12-07 01:30:05');
    assert.equal(zonedStamp(new Date('2026-03-08T06:59:00Z'), 'America/New_York'), '2026-03-08 01:59');
    assert.equal(zonedStamp(new Date('2026-03-08T07:00:00Z'), 'America/New_York'), '2026-03-08 03:00');
    assert.equal(zonedStamp(new Date('2026-12-06T16:00:00Z'), 'Asia/Shanghai'), '2026-12-07 00:00', 'midnight is 00, not 24');
  });
});
