import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countingDay, instantOfWallTime } from '../counter/counting-day.ts';
import { Problem } from '../declaration/fields.ts';
import { publishedTimeReader } from './legacy-time.ts';

const now = new Date('2026-12-07T00:00:00Z');

/** The slow path, as the import read every time before: Date and Intl for each line. */
function reference(value: string, timeZone: string): number | null {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!match) return null;
  const [, day, clock, zone] = match;
  if (zone === undefined) {
    const minute = instantOfWallTime(`${day}T${clock!.slice(0, 5)}`, timeZone);
    return minute && minute.getTime() + Number(clock!.slice(6)) * 1000;
  }
  const at = new Date(`${day}T${clock}${zone}`).getTime();
  if (Number.isNaN(at) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) return null;
  return at;
}

test('published times read through the remembered hours give what Date and Intl give, over a change of clocks', () => {
  for (const timeZone of ['Asia/Shanghai', 'America/New_York', 'Asia/Kolkata']) {
    const read = publishedTimeReader(timeZone, now);
    const values: string[] = [];
    for (let at = Date.UTC(2024, 2, 9); at < Date.UTC(2024, 2, 12); at += 7 * 60_000 + 13_000) {
      const iso = new Date(at).toISOString();
      const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
      values.push(text, `${text}Z`, `${text}+08:00`, `${text}-05:30`);
    }
    values.push(
      '2012-02-30 10:00:00',
      '2012-02-30T10:00:00Z',
      '2012-04-16 13:45:75',
      '2012-04-16 13:45:75+08:00',
      '2012-04-16 13:60:00+08:00',
      '2012-04-16 24:00:00Z',
      '2012-04-16 24:00:01Z',
      '2012-04-16 13:45:07+25:00',
    );
    for (const value of values) {
      const got = read(value);
      const expected = reference(value, timeZone);
      if (expected === null) {
        assert.ok(got instanceof Problem, value);
        continue;
      }
      assert.ok(!(got instanceof Problem), value);
      assert.equal(got.at, expected, `${timeZone} ${value}`);
      assert.equal(got.text, new Date(expected).toISOString(), value);
      assert.equal(got.day, countingDay(new Date(expected), timeZone), value);
    }
  }
});

test('a published time before the first day or in the future is refused', () => {
  const read = publishedTimeReader('Asia/Shanghai', now);
  assert.equal((read('2004-11-30 10:00:00') as Problem).message, 'published.tooEarly');
  assert.equal((read('2027-01-01 10:00:00+08:00') as Problem).message, 'published.future');
  assert.equal((read(20120416) as Problem).message, 'published.invalid');
});
