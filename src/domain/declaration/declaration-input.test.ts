import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS, MAX_HEADCOUNT, declarationInputSchema, fieldErrors, type DeclarationInput, type FieldError } from './declaration-input.ts';

function parse(input: unknown): DeclarationInput {
  const result = declarationInputSchema.safeParse(input);
  if (!result.success) assert.fail(`expected success, got ${JSON.stringify(fieldErrors(result.error))}`);
  return result.data;
}

function errors(input: unknown): Record<string, FieldError> {
  const result = declarationInputSchema.safeParse(input);
  if (result.success) assert.fail(`expected failure, got ${JSON.stringify(result.data)}`);
  return fieldErrors(result.error);
}

function errorOf(input: unknown, field: string): FieldError {
  const all = errors(input);
  const error = all[field];
  if (!error) assert.fail(`no error on ${field}: ${JSON.stringify(all)}`);
  return error;
}

const BASE = { names: '张三', orgs: 'party' } as const;

describe('declarationInputSchema: valid input', () => {
  it('accepts form-shaped input (strings, repeated fields, consent "yes")', () => {
    const data = parse({
      names: ['张三\r\n李四'],
      orgs: ['party', 'league'],
      headcount: '3',
      title: ' 我们退出 ',
      region: '辽宁',
      statement: '第一行\r\n第二行',
      behalf: 'family',
      consent: 'yes',
      contact: 'someone@example.org',
    });
    assert.deepEqual(data, {
      names: ['张三', '李四'],
      orgs: ['party', 'league'],
      headcount: 3,
      title: '我们退出',
      region: '辽宁',
      statement: '第一行\n第二行',
      behalf: 'family',
      consent: true,
      contact: 'someone@example.org',
    });
  });

  it('accepts orgs as a single string', () => {
    assert.deepEqual(parse({ names: '张三', orgs: 'pioneers' }).orgs, ['pioneers']);
  });

  it('accepts JSON-shaped input (arrays, numbers, booleans)', () => {
    const data = parse({
      names: ['张三', 'Li Wei'],
      orgs: ['league'],
      headcount: 4,
      behalf: 'family',
      consent: true,
    });
    assert.deepEqual(data.names, ['张三', 'Li Wei']);
    assert.deepEqual(data.orgs, ['league']);
    assert.equal(data.headcount, 4);
    assert.equal(data.behalf, 'family');
    assert.equal(data.consent, true);
  });

  it('reads checkbox values: yes/on/true/1 are true; no/false/0/empty/absent are false', () => {
    for (const consent of ['yes', 'on', 'true', '1', true]) assert.equal(parse({ ...BASE, consent }).consent, true, String(consent));
    for (const consent of ['no', 'false', '0', '', false, undefined]) {
      assert.equal(parse({ ...BASE, consent }).consent, false, String(consent));
    }
  });

  it('rejects a consent value that is not a checkbox value', () => {
    assert.equal(errorOf({ ...BASE, consent: 'maybe' }, 'consent').code, 'consent.invalid');
  });

  it('defaults behalf to self, also for an empty string', () => {
    assert.equal(parse(BASE).behalf, 'self');
    assert.equal(parse({ ...BASE, behalf: '' }).behalf, 'self');
    assert.equal(parse({ ...BASE, behalf: 'deceased' }).behalf, 'deceased');
  });

  it('turns empty and whitespace-only optional strings into undefined', () => {
    const data = parse({ ...BASE, title: '', region: '   ', statement: '\r\n\r\n', contact: '', headcount: '' });
    assert.equal(data.title, undefined);
    assert.equal(data.region, undefined);
    assert.equal(data.statement, undefined);
    assert.equal(data.contact, undefined);
    assert.equal(data.headcount, 1);
  });

  it('keeps hostile HTML in the statement verbatim, only trimmed', () => {
    const html = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp; \'"';
    assert.equal(parse({ ...BASE, statement: `  ${html}\n ` }).statement, html);
    assert.equal(parse({ ...BASE, title: ` ${html} `.slice(0, 100) }).title, html);
  });
});

describe('declarationInputSchema: headcount', () => {
  it('defaults to the number of names', () => {
    assert.equal(parse({ names: '张三、李四、王五', orgs: 'party' }).headcount, 3);
    assert.equal(parse({ names: ['张三', '李四'], orgs: 'party', headcount: '' }).headcount, 2);
    assert.equal(parse({ names: ['张三', '李四'], orgs: 'party', headcount: '  ' }).headcount, 2);
  });

  it('accepts a number equal to or above the number of names, as string or number', () => {
    assert.equal(parse({ names: '张三、李四', orgs: 'party', headcount: '2' }).headcount, 2);
    assert.equal(parse({ names: '张三、李四', orgs: 'party', headcount: ' 5 ' }).headcount, 5);
    assert.equal(parse({ names: '张三、李四', orgs: 'party', headcount: '５' }).headcount, 5, 'full-width digit');
    assert.equal(parse({ ...BASE, headcount: MAX_HEADCOUNT }).headcount, MAX_HEADCOUNT);
  });

  it('reports headcount.belowNames with the minimum when below the number of names', () => {
    assert.deepEqual(errorOf({ names: '张三、李四、王五', orgs: 'party', headcount: '2' }, 'headcount'), {
      code: 'headcount.belowNames',
      params: { min: 3 },
    });
    assert.equal(errorOf({ names: '张三、李四', orgs: 'party', headcount: 1 }, 'headcount').code, 'headcount.belowNames');
  });

  it('reports headcount.tooLarge above 500', () => {
    assert.equal(MAX_HEADCOUNT, 500);
    assert.deepEqual(errorOf({ ...BASE, headcount: 501 }, 'headcount'), { code: 'headcount.tooLarge', params: { max: 500 } });
    assert.equal(errorOf({ ...BASE, headcount: '999999' }, 'headcount').code, 'headcount.tooLarge');
  });

  it('reports headcount.invalid for non-integers, negatives and words', () => {
    for (const headcount of [
      '3.5',
      '-1',
      'abc',
      '1e2',
      '0x10',
      '1 000',
      '1234567',
      3.5,
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      [2],
    ]) {
      assert.equal(errorOf({ ...BASE, headcount }, 'headcount').code, 'headcount.invalid', String(headcount));
    }
  });

  it('does not accept zero', () => {
    const error = errorOf({ ...BASE, headcount: '0' }, 'headcount');
    assert.ok(['headcount.belowNames', 'headcount.invalid'].includes(error.code), error.code);
  });
});

describe('declarationInputSchema: organisations', () => {
  it('reports orgs.required when none is given', () => {
    assert.equal(errorOf({ names: '张三' }, 'orgs').code, 'orgs.required');
    assert.equal(errorOf({ names: '张三', orgs: [] }, 'orgs').code, 'orgs.required');
  });

  it('reports orgs.invalid for an unknown organisation', () => {
    assert.equal(errorOf({ names: '张三', orgs: 'army' }, 'orgs').code, 'orgs.invalid');
    assert.equal(errorOf({ names: '张三', orgs: ['party', 'Party'] }, 'orgs').code, 'orgs.invalid');
    assert.equal(errorOf({ names: '张三', orgs: 1 }, 'orgs').code, 'orgs.invalid');
  });

  it('returns organisations in canonical order without duplicates', () => {
    assert.deepEqual(parse({ names: '张三', orgs: ['pioneers', 'party', 'league'] }).orgs, ['party', 'league', 'pioneers']);
    assert.deepEqual(parse({ names: '张三', orgs: ['pioneers', 'party', 'pioneers', 'party'] }).orgs, ['party', 'pioneers']);
  });
});

describe('declarationInputSchema: names', () => {
  it('reports names.required when only separators are given', () => {
    assert.equal(errorOf({ names: ' 、 ', orgs: 'party' }, 'names').code, 'names.required');
    assert.equal(errorOf({ names: [], orgs: 'party' }, 'names').code, 'names.required');
  });

  it('reports names.required when the names field is missing', () => {
    assert.equal(errorOf({ orgs: 'party' }, 'names').code, 'names.required');
  });

  it('reports names.invalid with the offending name', () => {
    assert.deepEqual(errorOf({ names: '张三、<script>', orgs: 'party' }, 'names'), {
      code: 'names.invalid',
      params: { name: '<script>' },
    });
  });

  it('reports names.repeated when a name comes twice, in either script or case', () => {
    assert.deepEqual(errorOf({ names: '张三丰、张三丰', orgs: 'party' }, 'names'), { code: 'names.repeated', params: { name: '张三丰' } });
    assert.deepEqual(errorOf({ names: ['张三丰', '李四', ' 張三豐 '], orgs: 'party' }, 'names'), {
      code: 'names.repeated',
      params: { name: '張三豐' },
    });
    assert.equal(errorOf({ names: 'Li Wei, LI WEI', orgs: 'party' }, 'names').code, 'names.repeated');
    assert.deepEqual(parse({ names: '张三丰、张三', orgs: 'party' }).names, ['张三丰', '张三']);
  });

  it('reports names.tooMany above 50 names', () => {
    const many = Array.from({ length: 51 }, (_, i) => `张${'一二三四五六七八九十'[i % 10]}${'甲乙丙丁戊己庚辛壬癸'[Math.floor(i / 10)]}`);
    assert.equal(parse({ names: many.slice(0, 50), orgs: 'party' }).names.length, 50);
    assert.deepEqual(errorOf({ names: many, orgs: 'party' }, 'names'), { code: 'names.tooMany', params: { max: 50 } });
  });

  it('reports text.control for NUL in names', () => {
    assert.equal(errorOf({ names: '张\u0000三', orgs: 'party' }, 'names').code, 'text.control');
    assert.equal(errorOf({ names: ['李四', '张\u0000三'], orgs: 'party' }, 'names').code, 'text.control');
  });

  it('reports text.bidi for a bidi override in names', () => {
    assert.equal(errorOf({ names: '张三\u202E', orgs: 'party' }, 'names').code, 'text.bidi');
  });
});

describe('declarationInputSchema: behalf, consent and contact', () => {
  it('requires consent when declaring for family', () => {
    assert.deepEqual(errorOf({ ...BASE, behalf: 'family' }, 'consent'), { code: 'consent.required', params: {} });
    assert.equal(errorOf({ ...BASE, behalf: 'family', consent: 'no' }, 'consent').code, 'consent.required');
    assert.equal(errorOf({ ...BASE, behalf: 'family', consent: false }, 'consent').code, 'consent.required');
  });

  it('does not require consent for self or the deceased', () => {
    assert.equal(parse({ ...BASE, behalf: 'self' }).consent, false);
    assert.equal(parse({ ...BASE, behalf: 'deceased' }).consent, false);
  });

  it('reports behalf.invalid for an unknown value', () => {
    assert.equal(errorOf({ ...BASE, behalf: 'x' }, 'behalf').code, 'behalf.invalid');
    assert.equal(errorOf({ ...BASE, behalf: 'Family' }, 'behalf').code, 'behalf.invalid');
  });

  it('reports contact.invalid for something that is not an email', () => {
    assert.equal(errorOf({ ...BASE, contact: 'not-an-email' }, 'contact').code, 'contact.invalid');
    assert.equal(errorOf({ ...BASE, contact: 'a@b' }, 'contact').code, 'contact.invalid');
  });

  it('accepts and trims a valid email', () => {
    assert.equal(parse({ ...BASE, contact: ' someone@example.org ' }).contact, 'someone@example.org');
  });

  it('rejects a contact with a line break (header injection)', () => {
    assert.equal(errorOf({ ...BASE, contact: 'a@example.org\nBcc: b@example.org' }, 'contact').code, 'text.control');
  });
});

describe('declarationInputSchema: free-text fields', () => {
  it('reports text.tooLong with params.max for a 5001-character statement', () => {
    assert.equal(LIMITS.statement, 5000);
    assert.equal(parse({ ...BASE, statement: '中'.repeat(5000) }).statement, '中'.repeat(5000));
    assert.deepEqual(errorOf({ ...BASE, statement: '中'.repeat(5001) }, 'statement'), {
      code: 'text.tooLong',
      params: { max: 5000 },
    });
  });

  it('reports text.tooLong with the title limit', () => {
    assert.deepEqual(errorOf({ ...BASE, title: 'a'.repeat(101) }, 'title'), { code: 'text.tooLong', params: { max: 100 } });
  });

  it('reports text.bidi for U+202E in the title', () => {
    assert.equal(errorOf({ ...BASE, title: 'abc\u202Efed' }, 'title').code, 'text.bidi');
  });

  it('reports text.control for a line break in the title but allows it in the statement', () => {
    assert.equal(errorOf({ ...BASE, title: 'a\nb' }, 'title').code, 'text.control');
    assert.equal(parse({ ...BASE, statement: 'a\nb' }).statement, 'a\nb');
  });

  it('reports text.malformed for a lone surrogate in the region', () => {
    assert.equal(errorOf({ ...BASE, region: '\uD800' }, 'region').code, 'text.malformed');
  });

  it('reports text.invalid for a non-string title', () => {
    assert.equal(errorOf({ ...BASE, title: 5 }, 'title').code, 'text.invalid');
  });

  it('judges the statement length after line breaks are normalized (browsers submit CRLF)', () => {
    // 500 lines of nine characters: 4,999 characters once stored, 5,498 code points as a browser submits it.
    const submitted = Array.from({ length: 500 }, () => '一二三四五六七八九').join('\r\n');
    const data = parse({ ...BASE, statement: submitted });
    assert.equal([...(data.statement ?? '')].length, 4999);
  });
});

describe('declarationInputSchema: shape', () => {
  it('fails for a non-object input, reported on the form', () => {
    for (const input of ['names=张三', null, undefined, 42, [], true]) {
      const all = errors(input);
      assert.deepEqual(Object.keys(all), ['form'], JSON.stringify(input));
      assert.equal(all.form!.code, 'text.invalid');
    }
  });

  it('drops unknown fields', () => {
    const data = parse({ ...BASE, admin: true, status: 'published' });
    assert.ok(!('admin' in data));
    assert.ok(!('status' in data));
  });

  it('names every problem at once: a refused field does not hide the checks across fields', () => {
    const all = errors({ names: 42, orgs: 'party', headcount: 501, behalf: 'family' });
    assert.deepEqual(Object.keys(all).sort(), ['consent', 'headcount', 'names']);
    assert.equal(all.names!.code, 'text.invalid');
    assert.deepEqual(all.headcount, { code: 'headcount.tooLarge', params: { max: MAX_HEADCOUNT } });
    assert.equal(all.consent!.code, 'consent.required');
  });

  it('does not compare the headcount with names that were refused', () => {
    const tooMany = Array.from({ length: 60 }, () => '王明').join('、');
    assert.deepEqual(Object.keys(errors({ names: tooMany, orgs: 'party', headcount: 2 })), ['names']);
  });
});

describe('fieldErrors', () => {
  it('keeps only the first problem of each field', () => {
    const all = errors({ names: 'A', orgs: 'army', headcount: 'abc' });
    assert.deepEqual(Object.keys(all).sort(), ['headcount', 'names', 'orgs']);
    assert.deepEqual(all.names, { code: 'names.latinTooShort', params: { name: 'A' } });
    assert.equal(all.orgs!.code, 'orgs.invalid');
    assert.equal(all.headcount!.code, 'headcount.invalid');
  });

  it('replaces messages that are not error codes with text.invalid', () => {
    const all = errors({ ...BASE, names: 5 });
    assert.deepEqual(all.names, { code: 'text.invalid', params: {} });
    for (const error of Object.values(errors({ names: {}, orgs: {}, headcount: {}, behalf: {}, title: [] }))) {
      assert.match(error.code, /^[a-z]+\.[a-zA-Z]+$/);
    }
  });
});
