import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as OpenCC from 'opencc-js';
import { simplifiedToTaiwan, taiwanToSimplified } from './script-converter.ts';

// Real-world text, beside the dictionary-wide comparison of script-converter.test.ts: statements,
// titles, aliases and regions as declarants write them, in both scripts.
const corpus = readFileSync(new URL('../../test/fixtures/statements-corpus.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));

// The reference: opencc-js's own phrase-level conversion (segmentation and conversion by
// STPhrases, then STCharacters, then the Taiwan variants; no regional vocabulary).
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

function differences(ours: (text: string) => string, theirs: (text: string) => string, texts: readonly string[]) {
  return texts.filter((text) => ours(text) !== theirs(text)).map((text) => ({ text, ours: ours(text), theirs: theirs(text) }));
}

describe('script conversion of real statements', () => {
  it(`has a corpus of a few hundred texts in both scripts (${corpus.length})`, () => {
    assert.ok(corpus.length >= 300);
    assert.ok(
      corpus.some((text) => text !== toTraditional(text)),
      'simplified texts',
    );
    assert.ok(
      corpus.some((text) => text !== toSimplified(text)),
      'traditional texts',
    );
  });

  it('converts every text to traditional as opencc-js does', () => {
    assert.deepEqual(differences(simplifiedToTaiwan, toTraditional, corpus), []);
  });

  it('converts every text to simplified as opencc-js does', () => {
    assert.deepEqual(differences(taiwanToSimplified, toSimplified, corpus), []);
  });

  it('converts back as opencc-js does, from its own output', () => {
    assert.deepEqual(differences(taiwanToSimplified, toSimplified, corpus.map(toTraditional)), []);
    assert.deepEqual(differences(simplifiedToTaiwan, toTraditional, corpus.map(toSimplified)), []);
  });

  it('converts by phrase, not by character', () => {
    assert.equal(simplifiedToTaiwan('头发'), '頭髮');
    assert.equal(simplifiedToTaiwan('发展'), '發展');
    assert.equal(simplifiedToTaiwan('干部'), '幹部');
    assert.equal(simplifiedToTaiwan('干涉'), '干涉');
    assert.equal(simplifiedToTaiwan('一并'), '一併');
    assert.equal(simplifiedToTaiwan('并非'), '並非');
    // OpenCC's own phrase table has "并为 併爲" (data/dictionary/STPhrases.txt, since 2013, still
    // in 2026), so its phrase-level conversion, and ours, gives 併為 here, where 並為 is meant.
    assert.equal(toTraditional('并为此声明'), '併為此聲明');
    assert.equal(simplifiedToTaiwan('并为此声明'), '併為此聲明');
    // Characters only, never Taiwan vocabulary: 软件 stays 軟件, not 軟體.
    assert.equal(simplifiedToTaiwan('翻墙软件'), '翻牆軟件');
  });
});
