import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aliasKey, regionMatchKey } from './alias-key.ts';

describe('aliasKey', () => {
  it('gives traditional, simplified and spaced spellings of a name the same key', () => {
    assert.equal(aliasKey('张三'), '张三');
    assert.equal(aliasKey('張三'), '张三');
    assert.equal(aliasKey('张 三'), '张三');
    assert.equal(aliasKey(' 張　三 '), '张三', 'ideographic space and padding');
  });

  it('folds both Taiwan and Hong Kong variants', () => {
    assert.equal(aliasKey('李麗華'), aliasKey('李丽华'));
    assert.equal(aliasKey('衞東'), aliasKey('卫东'), 'Hong Kong 衞');
    assert.equal(aliasKey('衛東'), aliasKey('卫东'), 'Taiwan 衛');
    assert.equal(aliasKey('鄭家俊'), '郑家俊');
  });

  it('removes the middle dot of transliterated names, in its look-alike forms too', () => {
    const key = '阿依古丽买买提';
    assert.equal(aliasKey('阿依古丽·买买提'), key);
    assert.equal(aliasKey('阿依古麗・買買提'), key, 'katakana middle dot');
    assert.equal(aliasKey('阿依古丽‧买买提'), key, 'hyphenation point');
    assert.equal(aliasKey('阿依古丽･买买提'), key, 'half-width katakana middle dot');
  });

  it('folds case, width and spacing of Latin names', () => {
    assert.equal(aliasKey('Li Wei'), 'liwei');
    assert.equal(aliasKey('LI  WEI'), 'liwei');
    assert.equal(aliasKey('Ｌｉ Ｗｅｉ'), 'liwei', 'full-width letters');
    assert.equal(aliasKey('Jose\u0301'), aliasKey('José'), 'composed and decomposed accents');
  });

  it('keeps different names apart', () => {
    assert.notEqual(aliasKey('张三'), aliasKey('张山'));
    assert.notEqual(aliasKey('José'), aliasKey('Jose'));
  });
});

describe('regionMatchKey', () => {
  it('folds a region as a name is folded; no region matches only no region', () => {
    assert.equal(regionMatchKey('寧夏'), regionMatchKey('宁夏'));
    assert.equal(regionMatchKey('遼寧 大連'), regionMatchKey('辽宁大连'));
    assert.equal(regionMatchKey('Ning Xia'), regionMatchKey('ningxia'));
    assert.notEqual(regionMatchKey('宁夏'), regionMatchKey('辽宁'));
    assert.equal(regionMatchKey(null), '');
    assert.notEqual(regionMatchKey('宁夏'), regionMatchKey(null));
  });
});
