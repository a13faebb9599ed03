import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as OpenCC from 'opencc-js';
import { configs as simplifiedConfigs } from 'opencc-js/preset/cn2t';
import { configs as traditionalConfigs } from 'opencc-js/preset/t2cn';
import { hongKongToSimplified, simplifiedToTaiwan, taiwanToSimplified } from './script-converter.ts';

// The reference is opencc-js's own full bundle, loaded only here.
const directions = [
  { name: 'cn → tw', ours: simplifiedToTaiwan, theirs: OpenCC.Converter({ from: 'cn', to: 'tw' }) },
  { name: 'tw → cn', ours: taiwanToSimplified, theirs: OpenCC.Converter({ from: 'tw', to: 'cn' }) },
  { name: 'hk → cn', ours: hongKongToSimplified, theirs: OpenCC.Converter({ from: 'hk', to: 'cn' }) },
];

/** Every key and value of every dictionary the three conversions use. */
function dictionaryWords(): string[] {
  const configs = [simplifiedConfigs.s2tw, traditionalConfigs.tw2s, traditionalConfigs.hk2s];
  const dicts = new Set<unknown>(configs.flatMap((config) => Object.values(config ?? {}).flat(2)));
  const words = new Set<string>();
  for (const dict of dicts) {
    assert.equal(typeof dict, 'string', 'the presets ship dictionaries as strings');
    for (const entry of (dict as string).split('|')) for (const word of entry.split(' ')) words.add(word);
  }
  return [...words];
}

/**
 * Each phrase with another phrase starting inside it (一刀两断 + 断绝 → 一刀两断绝), where
 * the segmentation and the groups after it can disagree on where words end.
 */
function overlappingPhrases(words: readonly string[]): string[] {
  const phrases = words.filter((word) => [...word].length > 1);
  const byFirst = Map.groupBy(phrases, (phrase) => phrase.codePointAt(0)!);
  return phrases.flatMap((phrase) => {
    const characters = [...phrase];
    return characters.slice(1).flatMap((character, j) => {
      const next = byFirst.get(character.codePointAt(0)!) ?? [];
      const head = characters.slice(0, j + 1).join('');
      // One pick per position keeps the test to seconds; the pick varies from phrase to phrase.
      const other = next[(phrase.length * 7 + j) % next.length];
      return other === undefined ? [] : [head + other];
    });
  });
}

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OTHER_PIECES = [
  ' ',
  'a',
  'Z',
  '9',
  '.',
  ',',
  '，',
  '。',
  '、',
  '「',
  '」',
  '《',
  '》',
  '—',
  '…',
  '\n',
  '\u3000',
  '·',
  '・',
  '😀',
  '👨‍👩‍👧',
  '🇹🇼',
  '𠮷',
  '𡞱',
  '𠵾',
  '𪚥',
  '𫟼',
  '𰻞', // emoji, ZWJ sequences, CJK extensions B–H
  '豈',
  '更',
  '\u2F00', // CJK compatibility and Kangxi radicals, normalized first
  '⿰',
  '⿱',
  '⿲',
  '⿰氵青',
  '⿱艹⿰氵发',
  '⿰𠮷', // ideographic description sequences, some cut short
  '\uD840',
  '\uDC00', // lone surrogates
];

/** Random strings of dictionary words, characters of them, and everything else text may hold. */
function mixedStrings(words: readonly string[], count: number): string[] {
  const next = random(20_240_601);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const characters = [...new Set(words.flatMap((word) => [...word]))];
  return Array.from({ length: count }, () => {
    let text = '';
    for (let n = Math.floor(next() * 40); n > 0; n -= 1) {
      const kind = next();
      text += kind < 0.4 ? pick(words) : kind < 0.8 ? pick(characters) : pick(OTHER_PIECES);
    }
    return text;
  });
}

const DECLARATIONS = [
  '',
  '王明华',
  '王明華',
  '声明退出中共党团队',
  '聲明退出中共黨團隊',
  '本人王明华，于1989年在学校加入共青团，2003年入党。今天郑重声明：退出中国共产党、共青团、少先队，从此与其一刀两断，再无瓜葛！',
  '本人王明華，於1989年在學校加入共青團，2003年入黨。今天鄭重聲明：退出中國共產黨、共青團、少先隊，從此與其一刀兩斷，再無瓜葛！',
  '我曾被迫戴上红领巾，发誓“为共产主义事业奋斗终身”。那不是我的意愿。今天我在网上（https://example.org）公开发表这份声明：退出少先队。',
  '衞東、衛東、着重、著名、髮型、頭發、乾隆、干涉、幹部、後來、皇后、裏面、里程、於是、于謙。',
  'Li Wei (李伟) quit the CCP in 2005 — 😀 — 𠮷野家、⿰氵青、豈有此理。',
];

describe('script converter', () => {
  const words = dictionaryWords();
  // Joined runs of words make phrases meet and overlap, which exercises segmentation.
  const runs = Array.from({ length: Math.ceil(words.length / 7) }, (_, i) => words.slice(i * 7, i * 7 + 7).join(''));
  const corpus = [...new Set([...DECLARATIONS, ...words, ...runs, ...overlappingPhrases(words), ...mixedStrings(words, 20_000)])];

  for (const { name, ours, theirs } of directions) {
    it(`converts ${name} exactly as opencc-js does, on ${corpus.length} strings`, () => {
      const differences = corpus.filter((text) => ours(text) !== theirs(text));
      assert.deepEqual(
        differences.slice(0, 5).map((text) => ({ text, ours: ours(text), theirs: theirs(text) })),
        [],
        `${differences.length} strings differ`,
      );
    });
  }

  it('converts what a declaration says', () => {
    assert.equal(simplifiedToTaiwan('王明华声明退出中共党团队'), '王明華聲明退出中共黨團隊');
    assert.equal(taiwanToSimplified('王明華聲明退出中共黨團隊'), '王明华声明退出中共党团队');
    assert.equal(hongKongToSimplified('衞東'), '卫东');
  });
});
