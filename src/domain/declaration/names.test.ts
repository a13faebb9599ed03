import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findRepeatedName, isAcceptableName, nameProblemCode, splitNames } from './names.ts';

describe('splitNames', () => {
  it('splits on every documented separator', () => {
    assert.deepEqual(splitNames('张三、李四,王五，赵六;钱七；孙八\n周九\r\n吴十'), [
      '张三',
      '李四',
      '王五',
      '赵六',
      '钱七',
      '孙八',
      '周九',
      '吴十',
    ]);
  });

  it('trims, collapses inner whitespace and drops empty parts', () => {
    assert.deepEqual(splitNames('  张三 、、 ,, \n\n  Li    Wei  ;；'), ['张三', 'Li Wei']);
    assert.deepEqual(splitNames(''), []);
    assert.deepEqual(splitNames(' 、,\n '), []);
  });

  it('normalizes to NFC', () => {
    assert.deepEqual(splitNames('Jose\u0301 Marti\u0301'), ['José Martí']);
  });

  it('accepts arrays and splits each entry', () => {
    assert.deepEqual(splitNames(['张三、李四', ' 王五 ', '', "Li Wei\nO'Brien"]), ['张三', '李四', '王五', 'Li Wei', "O'Brien"]);
    assert.deepEqual(splitNames([]), []);
  });

  it('keeps spaces inside Latin names as one name', () => {
    assert.deepEqual(splitNames('José Martí'), ['José Martí']);
  });
});

describe('isAcceptableName', () => {
  const accepted = ['张三', '王小明', '阿依古丽·买买提', 'Li Wei', "O'Brien", 'José Martí', 'Jean-Luc', 'J. R. Smith', 'Zoë'];
  const rejected = [
    'A',
    '张',
    '<script>',
    'Robert"); DROP TABLE',
    '张3',
    'a  b',
    'Li--Wei',
    "O''Brien",
    '',
    ' 张三',
    '张三 ',
    '·张三',
    '张三·',
    '张·三·丰',
    '张三Li',
    'Иван',
    '123',
    '张三\u0000',
    '张'.repeat(13),
  ];

  for (const name of accepted) {
    it(`accepts ${JSON.stringify(name)}`, () => assert.equal(isAcceptableName(name), true));
  }
  for (const name of rejected) {
    it(`rejects ${JSON.stringify(name)}`, () => assert.equal(isAcceptableName(name), false));
  }

  it('accepts Han names up to twelve characters', () => {
    assert.equal(isAcceptableName('张'.repeat(12)), true);
  });

  it('accepts every name splitNames produces from a documented list', () => {
    for (const name of splitNames("张三、Li Wei，O'Brien\n阿依古丽·买买提")) assert.ok(isAcceptableName(name), name);
  });
});

describe('findRepeatedName', () => {
  it('finds the first name that repeats an earlier one as a reader would compare them', () => {
    assert.equal(findRepeatedName(['张三丰', '李四', '张三丰']), '张三丰');
    assert.equal(findRepeatedName(['张三丰', '張三豐']), '張三豐');
    assert.equal(findRepeatedName(['Li Wei', 'LI WEI']), 'LI WEI');
    assert.equal(findRepeatedName(['阿依古丽·买买提', '阿依古丽买买提']), '阿依古丽买买提');
  });

  it('finds nothing when every name differs', () => {
    assert.equal(findRepeatedName(['张三丰', '张三', '张丰']), undefined);
    assert.equal(findRepeatedName([]), undefined);
  });
});

describe('why a name is refused', () => {
  it('names the rule that was broken', () => {
    assert.equal(nameProblemCode('User123'), 'names.digits');
    assert.equal(nameProblemCode('王芳2'), 'names.digits');
    assert.equal(nameProblemCode('A'), 'names.latinTooShort');
    assert.equal(nameProblemCode('张'), 'names.invalid');
    assert.equal(nameProblemCode('<script>alert(1)</script>'), 'names.invalid', 'markup gets the general rule');
  });
});
