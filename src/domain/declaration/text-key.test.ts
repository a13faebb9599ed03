import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statementTextKey } from './text-key.ts';

describe('statement text keys', () => {
  it('gives trivially varied copies one key', () => {
    const key = statementTextKey('我声明退出中共及其一切附属组织，愿中国早日自由。');
    assert.match(key ?? '', /^[A-Za-z0-9_-]{16}$/);
    for (const copy of [
      '我聲明退出中共及其一切附屬組織，願中國早日自由。',
      '我声明退出中共及其一切附属组织 愿中国早日自由!!',
      '我声明退出\u200B中共及其一切附属组织，愿中国早日自由。',
      '我声明退出中共及其一切附属组织，愿中国早日自由。（12）',
      '我声明退出中共及其一切附属组织，愿中国早日自由。３',
      '  我声明退出中共及其一切附属组织……愿中国早日自由  ',
    ]) {
      assert.equal(statementTextKey(copy), key, copy);
    }
    assert.equal(statementTextKey('Free China NOW'), statementTextKey('free  china, now!'));
    assert.equal(statementTextKey('fre\u0336e\u0336 china'), statementTextKey('free china'), 'combining marks drawn over letters');
  });

  it('keeps distinct texts apart', () => {
    const texts = [
      '我声明退出中共及其一切附属组织',
      '我声明退出共青团',
      '我声明退出少先队',
      '为了家人的平安，我们全家声明三退',
      '年轻时入了团，今天声明退出',
    ];
    assert.equal(new Set(texts.map(statementTextKey)).size, texts.length);
  });

  it('has no key for a statement that folds to nothing', () => {
    for (const empty of [null, '', '   ', '。。。', '123', '\u200B']) assert.equal(statementTextKey(empty), null, String(empty));
  });
});
