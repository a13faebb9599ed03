import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BAD_PAIRINGS, FIRST_CHARACTERS, SECOND_CHARACTERS, isHanAlias, suggestAliases } from './alias-generator.ts';

type Random = (maxExclusive: number) => number;

/** Returns `script` in order, then a fixed pseudo-random sequence, always in range. */
function scripted(script: readonly number[], seed = 1): Random {
  let call = 0;
  let state = seed;
  return (maxExclusive) => {
    const scriptedValue = script[call++];
    if (scriptedValue !== undefined) return Math.min(scriptedValue, maxExclusive - 1);
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % maxExclusive;
  };
}

function indexOf(list: readonly string[], character: string): number {
  const index = list.indexOf(character);
  assert.notEqual(index, -1, `${character} is not in the list`);
  return index;
}

function assertAcceptable(alias: string): void {
  const [first, second, ...rest] = [...alias];
  assert.equal(rest.length, 0, `${alias} is not two characters`);
  assert.ok(first !== undefined && FIRST_CHARACTERS.includes(first), `${alias}: first character not in the list`);
  assert.ok(second !== undefined && SECOND_CHARACTERS.includes(second), `${alias}: second character not in the list`);
  assert.notEqual(first, second, `${alias} doubles its character`);
  assert.ok(!BAD_PAIRINGS.has(alias), `${alias} is a bad pairing`);
  assert.ok(isHanAlias(alias), `${alias} is not a Han alias`);
}

const composableBadPairs = [...BAD_PAIRINGS].filter(
  (pair) => FIRST_CHARACTERS.includes(pair[0] ?? '') && SECOND_CHARACTERS.includes(pair[1] ?? ''),
);

describe('character lists', () => {
  it('hold 40 to 60 distinct single Han characters each', () => {
    for (const list of [FIRST_CHARACTERS, SECOND_CHARACTERS]) {
      assert.ok(list.length >= 40 && list.length <= 60, `list has ${list.length} characters`);
      assert.equal(new Set(list).size, list.length);
      for (const character of list) assert.match(character, /^\p{Script=Han}$/u);
    }
  });

  it('are frozen', () => {
    assert.ok(Object.isFrozen(FIRST_CHARACTERS));
    assert.ok(Object.isFrozen(SECOND_CHARACTERS));
  });

  it('bad pairings are two Han characters each', () => {
    for (const pair of BAD_PAIRINGS) assert.match(pair, /^\p{Script=Han}{2}$/u);
  });

  it('can form at least 3 bad pairings, so the filter matters', () => {
    assert.ok(composableBadPairs.length >= 3, `only ${composableBadPairs.join(' ')} are composable`);
  });
});

describe('suggestAliases', () => {
  it('returns the requested number of distinct aliases', () => {
    for (const count of [1, 2, 5, 12, 24]) {
      const aliases = suggestAliases(count);
      assert.equal(aliases.length, count);
      assert.equal(new Set(aliases).size, count);
    }
  });

  it('clamps the count to 1..24', () => {
    assert.equal(suggestAliases(0).length, 1);
    assert.equal(suggestAliases(-5).length, 1);
    assert.equal(suggestAliases(Number.NaN).length, 1);
    assert.equal(suggestAliases(2.9).length, 2);
    assert.equal(suggestAliases(25).length, 24);
    assert.equal(suggestAliases(Number.POSITIVE_INFINITY).length, 24);
  });

  it('stays distinct even when the random source keeps repeating itself', () => {
    const aliases = suggestAliases(24, () => 0);
    assert.equal(new Set(aliases).size, 24);
    for (const alias of aliases) assertAcceptable(alias);
  });

  it('returns two Han characters from the lists, never doubled or badly paired, over many draws', () => {
    for (let round = 0; round < 300; round++) {
      for (const alias of suggestAliases(24)) assertAcceptable(alias);
    }
    for (let seed = 1; seed <= 300; seed++) {
      for (const alias of suggestAliases(24, scripted([], seed))) assertAcceptable(alias);
    }
  });

  it('skips a bad pairing that the random source points at', () => {
    assert.ok(composableBadPairs.length > 0);
    for (const pair of composableBadPairs) {
      const [first = '', second = ''] = [...pair];
      // Drawing the first character, then the second, would spell the bad pair.
      const random = scripted([indexOf(FIRST_CHARACTERS, first), indexOf(SECOND_CHARACTERS, second)]);
      const [alias = ''] = suggestAliases(1, random);
      assert.notEqual(alias, pair);
      assert.equal(alias[0], first, 'the first draw should still be honoured');
      assertAcceptable(alias);
    }
  });

  it('skips a doubled character that the random source points at', () => {
    for (const character of FIRST_CHARACTERS.filter((c) => SECOND_CHARACTERS.includes(c))) {
      const random = scripted([indexOf(FIRST_CHARACTERS, character), indexOf(SECOND_CHARACTERS, character)]);
      const [alias = ''] = suggestAliases(1, random);
      assert.notEqual(alias, character + character);
      assertAcceptable(alias);
    }
  });

  it('can reach exactly the allowed pairs, whatever the random source returns', () => {
    const expected = new Set(
      FIRST_CHARACTERS.flatMap((first) =>
        SECOND_CHARACTERS.filter((second) => second !== first && !BAD_PAIRINGS.has(first + second)).map((second) => first + second),
      ),
    );
    const reached = new Set<string>();
    for (let first = 0; first < FIRST_CHARACTERS.length; first++) {
      for (let second = 0; second < SECOND_CHARACTERS.length; second++) {
        for (const alias of suggestAliases(1, scripted([first, second]))) reached.add(alias);
      }
    }
    assert.deepEqual(reached, expected);
  });

  it('rejects a random source that answers out of range', () => {
    assert.throws(() => suggestAliases(1, (maxExclusive) => maxExclusive), RangeError);
  });

  it('uses an unpredictable source by default', () => {
    assert.notDeepEqual(suggestAliases(24), suggestAliases(24));
  });
});

describe('isHanAlias', () => {
  it('accepts Han names, with one middle dot between parts', () => {
    for (const name of ['张三', '张三丰', '阿依古丽·买买提', '张·三', '一二三四五六七八九十百千']) {
      assert.ok(isHanAlias(name), name);
    }
  });

  it('rejects everything else', () => {
    for (const value of [
      '',
      'A',
      '张',
      '·张三',
      '张三·',
      '张·',
      '张··三',
      '阿依·古丽·买买提',
      '张 三',
      '<b>',
      'abc',
      '张3',
      '张三\n',
      '张•三',
      '一二三四五六七八九十百千万',
    ]) {
      assert.ok(!isHanAlias(value), JSON.stringify(value));
    }
  });
});
