import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifyingKinds } from './identifying-details.ts';

describe('identifying details', () => {
  it('finds phone numbers as people write them', () => {
    for (const text of ['我的电话是 13800138000', '手机 138 0013 8000', '+86 139-1234-5678', '座机 010-65123456', 'call +1 415 555 0100']) {
      assert.deepEqual(identifyingKinds([text]), ['phone'], text);
    }
  });

  it('finds ID numbers, without calling them phone numbers too', () => {
    assert.deepEqual(identifyingKinds(['身份证 11010519491231002X']), ['idNumber']);
    assert.deepEqual(identifyingKinds(['110105491231002']), ['idNumber']);
  });

  it('finds street addresses in Chinese and English', () => {
    for (const text of ['住在大连市中山路 12 号', '幸福小区 5 号楼 3 单元', '1203 室', '12 Baker Street']) {
      assert.deepEqual(identifyingKinds([text]), ['address'], text);
    }
  });

  it('finds a mainland mail provider in the text or the contact field', () => {
    assert.deepEqual(identifyingKinds(['写信到 zhang@qq.com']), ['mainlandMail']);
    assert.deepEqual(identifyingKinds([''], 'Someone@163.COM'), ['mainlandMail']);
    for (const domain of ['126.com', 'sina.com', 'sohu.com', 'aliyun.com', '139.com', 'yeah.net', 'foxmail.com', 'vip.qq.com']) {
      assert.deepEqual(identifyingKinds([], `a@${domain}`), ['mainlandMail'], domain);
    }
    assert.deepEqual(identifyingKinds([], 'a@proton.me'), []);
  });

  it('leaves ordinary statements alone', () => {
    for (const text of [
      '戴过红领巾，今天摘下。',
      '1989 年入团，2024 年退出。',
      '我们全家 5 人声明退出。',
      '辽宁大连',
      '登记号 4111 1111 1111 1111 已保存',
      '第 2 条路',
    ]) {
      assert.deepEqual(identifyingKinds([text]), [], text);
    }
  });

  it('reports kinds in a fixed order, each once, and never what matched', () => {
    const kinds = identifyingKinds(['13800138000 和 13900139000，北京路 8 号'], 'x@qq.com');
    assert.deepEqual(kinds, ['phone', 'address', 'mainlandMail']);
  });
});
