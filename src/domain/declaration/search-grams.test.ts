import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bigrams, containsFolded, declarationGrams, prefixUpperBound, queryGrams, searchFold } from './search-grams.ts';

describe('search grams', () => {
  it('folds script, case, width, spaces and punctuation', () => {
    assert.equal(searchFold('聲明退出中共黨、團、隊'), '声明退出中共党团队');
    assert.equal(searchFold(' 遼寧 瀋陽 '), '辽宁沈阳');
    assert.equal(searchFold('Ｌｉ Wei!'), 'liwei');
  });

  it('cuts folded text into distinct bigrams of code points', () => {
    assert.deepEqual(bigrams('退出退出'), ['退出', '出退']);
    assert.deepEqual(bigrams('𠀀𠀁字'), ['𠀀𠀁', '𠀁字'], 'a character outside the BMP is one character');
    assert.deepEqual(bigrams('退'), []);
  });

  it('keeps title and region grams apart', () => {
    assert.deepEqual(declarationGrams('三退声明', '北京'), ['t三退', 't退声', 't声明', 'r北京']);
    assert.deepEqual(declarationGrams('三退', null), ['t三退']);
    assert.deepEqual(queryGrams('region', '北京'), ['r北京']);
  });

  it('looks up at most eight grams of a long query, covering ones first', () => {
    const grams = queryGrams('title', '一二三四五六七八九十甲乙丙丁戊己庚辛');
    assert.equal(grams.length, 8);
    assert.deepEqual(grams.slice(0, 3), ['t一二', 't三四', 't五六']);
  });

  it('confirms a candidate by its folded text', () => {
    assert.ok(containsFolded('我宣佈退出中共', '宣布退出'));
    assert.ok(!containsFolded('北京人在京市场', '北京市'));
    assert.ok(!containsFolded(null, '北京'));
  });

  it('bounds a prefix range by its last character plus one', () => {
    assert.equal(prefixUpperBound('张'), '弡');
    assert.equal(prefixUpperBound('ab'), 'ac');
    assert.equal(prefixUpperBound('a\u{10FFFF}'), 'b');
    assert.equal(prefixUpperBound('\u{10FFFF}'), null);
    assert.equal(prefixUpperBound('a\uD7FF'), 'a\uE000', 'the surrogate range is skipped');
    assert.equal(prefixUpperBound('𠀀'), '𠀁');
  });
});
