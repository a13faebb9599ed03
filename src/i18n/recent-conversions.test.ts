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

  it('forgets the least recently used texts once over budget', () => {
    const { asked, convert } = counting();
    const key = (i: number) => `k${String(i).padStart(2, '0')}`;
    // Each entry counts 3 + 3 + 64 units: 16 fit in 1,120.
    const remembered = rememberRecent(convert, 1_120);
    for (let i = 0; i < 16; i += 1) remembered(key(i));
    remembered(key(0)); // used again: now the most recent
    remembered(key(16)); // one too many: the least recently used goes
    asked.length = 0;
    for (const i of [0, 2, 16, 1]) remembered(key(i));
    assert.deepEqual(asked, ['k01']);
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
