import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rememberRecent } from './recent-conversions.ts';

/** An upper-casing "conversion" that records what it was asked. */
function counting() {
  const asked: string[] = [];
  return {
    asked,
    convert: (text: string) => {
      asked.push(text);
      return text.toUpperCase();
    },
  };
}

describe('rememberRecent', () => {
  it('converts a text once while it is remembered', () => {
    const { asked, convert } = counting();
    const remembered = rememberRecent(convert, 10_000);
    assert.equal(remembered('ab'), 'AB');
    assert.equal(remembered('ab'), 'AB');
    assert.equal(remembered(''), '');
    assert.equal(remembered(''), '');
    assert.deepEqual(asked, ['ab', '']);
  });

  it('forgets the texts not used for a whole generation', () => {
    const { asked, convert } = counting();
    const key = (i: number) => `k${String(i).padStart(2, '0')}`;
    // Each entry counts 3 + 3 + 64 units: 8 fit in a generation of half of 1,120.
    const remembered = rememberRecent(convert, 1_120);
    for (let i = 0; i < 8; i += 1) remembered(key(i));
    remembered(key(8)); // the first generation is full: k00–k07 become the previous one
    remembered(key(0)); // used again: carried into the current generation
    for (let i = 9; i < 15; i += 1) remembered(key(i));
    remembered(key(15)); // the second generation is full: k01–k07 are dropped
    asked.length = 0;
    for (const i of [0, 8, 14, 15, 1]) remembered(key(i));
    assert.deepEqual(asked, ['k01']);
  });

  it('holds no more than its budget, however many texts pass', () => {
    const { asked, convert } = counting();
    const text = (i: number) => `t${String(i).padStart(5, '0')}`;
    const remembered = rememberRecent(convert, 2_240);
    for (let i = 0; i < 10_000; i += 1) remembered(text(i));
    asked.length = 0;
    // 14 entries of 76 units fit in a generation of 1,120: at least the last 14 are remembered.
    for (let i = 9_999; i >= 9_986; i -= 1) remembered(text(i));
    assert.deepEqual(asked, []);
    remembered(text(9_900));
    assert.deepEqual(asked, [text(9_900)]);
  });

  it('does not let one long text push out the rest', () => {
    const { asked, convert } = counting();
    const remembered = rememberRecent(convert, 1_600);
    remembered('short');
    const long = 'x'.repeat(100);
    remembered(long);
    remembered(long);
    remembered('short');
    assert.deepEqual(asked, ['short', long, long]);
  });
});
