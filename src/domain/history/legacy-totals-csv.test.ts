import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { carriedOver } from './carried-over.ts';
import { readLegacyTotals } from './legacy-totals-csv.ts';

const read = (text: string) => readLegacyTotals(new TextEncoder().encode(text), '2026-12-07');
const codes = (text: string) => {
  const result = read(text);
  return result.ok ? [] : result.problems.map((problem) => [problem.line, problem.column ?? null, problem.code]);
};

describe('legacy day totals from CSV', () => {
  test('reads the columns in any order and case, a BOM, CRLF, blanks as unknown, the source as clean text', () => {
    const result = read('\uFEFFPeople,Date,party,Source\r\n12,2010-01-02,,  page 3 <b>archived</b> \r\n\r\n7,2010-01-03,7,\r\n');
    assert.deepEqual(result, {
      ok: true,
      days: [
        { day: '2010-01-02', people: 12, posts: null, party: null, league: null, pioneers: null, source: 'page 3 <b>archived</b>' },
        { day: '2010-01-03', people: 7, posts: null, party: 7, league: null, pioneers: null, source: null },
      ],
    });
  });

  test('every problem, by line and column, and no days at all', () => {
    assert.deepEqual(
      codes(
        'date,people,posts,league\n2010-13-01,1,,\n2010-01-01,1.5,,\n2010-01-02,+3,,\n2010-01-03,3,4,5\n2027-01-01,1,,\n2004-11-30,1,,\n2010-01-01,1\n2010-01-04,99999999999,,\n',
      ),
      [
        [2, 'date', 'date.invalid'],
        [3, 'people', 'number.invalid'],
        [4, 'people', 'number.invalid'],
        [5, 'posts', 'number.moreThanPeople'],
        [5, 'league', 'number.moreThanPeople'],
        [6, 'date', 'date.tooLate'],
        [7, 'date', 'date.tooEarly'],
        [8, null, 'line.columnCount'],
        [9, 'people', 'number.tooLarge'],
      ],
    );
    assert.deepEqual(codes('date,people\n2010-01-01,1\n2010-01-01,2\n'), [[3, 'date', 'date.repeated']]);
    assert.deepEqual(codes('date,source\n2010-01-01,x\n'), [[1, 'people', 'header.missingColumn']]);
    assert.deepEqual(codes('date,people,people\n'), [[0, null, 'file.empty']]);
    assert.deepEqual(codes('date,people,people\n2010-01-01,1,1\n'), [[1, 'people', 'header.repeatedColumn']]);
    assert.deepEqual(codes('date,people,=cmd()\n2010-01-01,1,1\n'), [[1, null, 'header.unknownColumn']]);
    assert.deepEqual(codes('date,people,source\n2010-01-01,1,"a\u0007b"\n'), [[2, 'source', 'text.unsafe']]);
    assert.deepEqual(codes(`date,people,source\n2010-01-01,1,${'说'.repeat(201)}\n`), [[2, 'source', 'text.tooLong']]);
  });

  test('files that are not an export of totals', () => {
    assert.deepEqual(codes(''), [[0, null, 'file.empty']]);
    assert.deepEqual(codes(' \n\n'), [[0, null, 'file.empty']]);
    assert.deepEqual(codes('date,people\n"2010-01-01,1\n'), [[2, null, 'file.malformed']]);
    const latin1 = readLegacyTotals(new Uint8Array([0x64, 0x61, 0x74, 0x65, 0x0a, 0xe9, 0x0a]), '2026-12-07');
    assert.deepEqual(latin1.ok ? [] : latin1.problems.map((problem) => problem.code), ['file.encoding']);
    const huge = readLegacyTotals(new Uint8Array(4 * 1024 * 1024 + 1), '2026-12-07');
    assert.deepEqual(huge.ok ? [] : huge.problems.map((problem) => problem.code), ['file.tooLarge']);
  });

  test('a day carries its figure less its imported posts, each figure never below zero', () => {
    const legacy = { people: 100, party: 40, league: null, pioneers: 90 };
    assert.deepEqual(carriedOver(legacy), { people: 100, party: 40, league: 0, pioneers: 90 });
    assert.deepEqual(carriedOver(legacy, { people: 30, party: 50, league: 5, pioneers: 10 }), {
      people: 70,
      party: 0,
      league: 0,
      pioneers: 80,
    });
  });
});
