import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countingDay } from '../counter/counting-day.ts';
import { normalizeQueryPassword } from '../declaration/query-password.ts';
import { luhnCheckDigit } from '../declaration/registration-number.ts';
import { instantOfWallTime } from '../counter/counting-day.ts';
import { legacyPostLines } from '../../tools/seed/legacy-posts.ts';
import { dayFinder, legacyQueryPassword, postReadContext, readLegacyPost, wallTimeFinder } from './legacy-post.ts';

const context = { timeZone: 'Asia/Shanghai', now: new Date('2026-12-07T00:00:00Z') };
const number = `100000000012000${luhnCheckDigit('100000000012000')}`;
const post = { id: 12, number, published: '2012-04-16 13:45:07', names: '明德、安寧', orgs: 'party league' };

const codes = (fields: Record<string, unknown>) => {
  const read = readLegacyPost({ ...post, ...fields }, context);
  return read.ok ? [] : read.problems.map((problem) => `${problem.field}:${problem.code}`);
};

test('a post of the export reads into a statement: its time in the counting zone, its day, its organisations from a CSV cell', () => {
  const read = readLegacyPost(post, context);
  assert.ok(read.ok);
  assert.equal(read.post.publishedAt.toISOString(), '2012-04-16T05:45:07.000Z');
  assert.equal(read.post.countedDay, '2012-04-16');
  assert.deepEqual(read.post.names, ['明德', '安寧']);
  assert.deepEqual(read.post.orgs, ['party', 'league']);
  assert.equal(read.post.headcount, 2);
  assert.deepEqual([read.post.title, read.post.statement, read.post.password, read.post.featured], [null, null, null, false]);
  const zoned = readLegacyPost({ ...post, published: '2012-04-16T23:30:00Z', orgs: ['pioneers'], featured: '1' }, context);
  assert.ok(zoned.ok);
  assert.equal(zoned.post.countedDay, '2012-04-17', 'counted on its day in the counting zone');
  assert.equal(zoned.post.featured, true);
});

test('what the form refuses is refused, every problem named by its field', () => {
  assert.deepEqual(codes({ names: '<script>alert(1)</script>' }), ['names:names.invalid']);
  assert.deepEqual(codes({ names: '明德、明德' }), ['names:names.repeated']);
  assert.deepEqual(codes({ title: '退党\u202E声明' }), ['title:text.bidi']);
  assert.deepEqual(codes({ statement: 'a\u0007b' }), ['statement:text.control']);
  assert.deepEqual(codes({ orgs: 'party cult' }), ['orgs:orgs.invalid']);
  assert.deepEqual(codes({ headcount: 1 }), ['headcount:headcount.belowNames']);
  assert.deepEqual(codes({ headcount: 501 }), ['headcount:headcount.tooLarge']);
  assert.deepEqual(codes({ id: '012' }), ['id:legacyId.invalid']);
  assert.deepEqual(codes({ number: `${number.slice(0, 15)}${(Number(number.at(-1)) + 1) % 10}` }), ['number:number.invalid']);
  assert.deepEqual(codes({ published: '2012-02-30 10:00:00' }), ['published:published.invalid']);
  assert.deepEqual(codes({ published: '2012-02-30T10:00:00Z' }), ['published:published.invalid']);
  assert.deepEqual(codes({ published: '2004-11-30 10:00:00' }), ['published:published.tooEarly']);
  assert.deepEqual(codes({ published: '2027-01-01 10:00:00' }), ['published:published.future']);
  assert.deepEqual(codes({ password: '\u0000' }), ['password:password.invalid']);
  assert.deepEqual(codes({ names: null, orgs: null }), ['names:names.required', 'orgs:orgs.required']);
  assert.deepEqual(
    codes({ title: '<b>markup is text</b>', statement: '<script>alert(1)</script>' }),
    [],
    'escaped on every page, as the form keeps it',
  );
});

test('query passwords: ours are folded as ours are, an old one is taken as written', () => {
  assert.equal(legacyQueryPassword('abcd-efgh-jkmn-pqrs-tvwx'), normalizeQueryPassword('ABCD EFGH JKMN PQRS TVWX'));
  assert.equal(legacyQueryPassword(' 5ejvmnhu '), '5ejvmnhu');
  assert.equal(legacyQueryPassword('Ab1'), 'Ab1');
  assert.equal(legacyQueryPassword(''), null);
  assert.equal(legacyQueryPassword('x'.repeat(61)), null);
  assert.equal(legacyQueryPassword('x'.repeat(60)), 'x'.repeat(60));
  assert.equal(legacyQueryPassword('abcdefghjkmnpqrstvwx'), normalizeQueryPassword('ABCDEFGHJKMNPQRSTVWX'), 'twenty letters may be ours');
});

test('dayFinder gives the day countingDay gives, across midnight and a change of clocks', () => {
  for (const timeZone of ['Asia/Shanghai', 'America/New_York']) {
    const dayOf = dayFinder(timeZone);
    for (let at = Date.UTC(2024, 2, 9); at < Date.UTC(2024, 2, 12); at += 17 * 60_000) {
      assert.equal(dayOf(new Date(at)), countingDay(new Date(at), timeZone), new Date(at).toISOString());
    }
  }
});

test('wallTimeFinder gives the instant instantOfWallTime gives, across a change of clocks', () => {
  for (const timeZone of ['Asia/Shanghai', 'America/New_York', 'Europe/London']) {
    const wallTime = wallTimeFinder(timeZone);
    for (let at = Date.UTC(2024, 2, 9); at < Date.UTC(2024, 3, 1); at += 23 * 60_000) {
      const local = new Date(at).toISOString().slice(0, 16);
      assert.equal(wallTime(local)?.getTime(), instantOfWallTime(local, timeZone)?.getTime(), `${timeZone} ${local}`);
    }
    assert.equal(wallTime('2024-02-30T10:00'), null);
  }
});

test('a run that remembers the texts and hours it read answers as reading each line afresh, hostile lines included', () => {
  const now = new Date('2026-12-07T00:00:00Z');
  const run = postReadContext('Asia/Shanghai', now);
  const lines = [...legacyPostLines({ posts: 3000, from: '2012-04-01', until: '2012-04-03', format: 'jsonl', hostileEvery: 7 })];
  let refused = 0;
  for (const line of [...lines, ...lines]) {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue; // a broken line: refused before its fields are read
    }
    const remembered = readLegacyPost(record, run);
    if (!remembered.ok) refused++;
    assert.deepEqual(remembered, readLegacyPost(record, { timeZone: 'Asia/Shanghai', now }), line);
  }
  assert.ok(refused > 100);
});
