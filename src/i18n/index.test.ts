import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from './en.ts';
import { DEFAULT_LOCALE, LOCALES, catalogFor, errorMessage, isErrorCode, isLocale, negotiateLocale, type Catalog } from './index.ts';
import { zhHans } from './zh-hans.ts';
import { zhHant } from './zh-hant.ts';

const CATALOGS: Record<string, Catalog> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

describe('negotiateLocale', () => {
  const cases: [string | undefined | null, string][] = [
    [undefined, 'zh-hans'],
    [null, 'zh-hans'],
    ['', 'zh-hans'],
    ['en-US,en;q=0.9', 'en'],
    ['en', 'en'],
    ['zh-TW', 'zh-hant'],
    ['zh-HK', 'zh-hant'],
    ['zh-MO', 'zh-hant'],
    ['zh-Hant-TW', 'zh-hant'],
    ['zh-Hant', 'zh-hant'],
    ['zh-CN', 'zh-hans'],
    ['zh-Hans-CN', 'zh-hans'],
    ['zh', 'zh-hans'],
    ['zh-SG', 'zh-hans'],
    ['fr, en;q=0.5', 'en'],
    ['fr-FR,de;q=0.8', 'zh-hans'],
    ['en;q=0.4, zh-TW;q=0.8', 'zh-hant'],
    ['zh-CN;q=0.5, en;q=0.6', 'en'],
    ['en;q=0.5, zh-CN;q=0.5', 'en'],
    ['zh-CN;q=0.5, en;q=0.5', 'zh-hans'],
    ['x;;;q=abc', 'zh-hans'],
    ['en;q=abc, zh-TW', 'zh-hant'],
    ['en;q=0', 'zh-hans'],
    ['en;q=0, zh-HK;q=0.1', 'zh-hant'],
    ['*', 'zh-hans'],
    [',,,;;;', 'zh-hans'],
    ['EN-gb', 'en'],
    ['  zh-tw ; q=0.9 ', 'zh-hant'],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${expected}`, () => assert.equal(negotiateLocale(header), expected));
  }

  it('only looks at the first 20 entries of a long header', () => {
    const header = [...Array.from({ length: 20 }, (_, i) => `x${i}`), 'en'].join(',');
    assert.equal(negotiateLocale(header), 'zh-hans');
    const header19 = [...Array.from({ length: 19 }, (_, i) => `x${i}`), 'en'].join(',');
    assert.equal(negotiateLocale(header19), 'en');
  });

  it('honours an explicit Hans script over a traditional region', () => {
    assert.equal(negotiateLocale('zh-Hans-HK'), 'zh-hans');
    assert.equal(negotiateLocale('zh-Hans-TW'), 'zh-hans');
  });
});

describe('locale helpers', () => {
  it('defaults to zh-hans and knows exactly three locales', () => {
    assert.equal(DEFAULT_LOCALE, 'zh-hans');
    assert.deepEqual([...LOCALES], ['zh-hans', 'zh-hant', 'en']);
    assert.equal(isLocale('en'), true);
    assert.equal(isLocale('zh-TW'), false);
    assert.equal(catalogFor('zh-hant'), zhHant);
  });

  it('recognizes error codes, not inherited properties', () => {
    assert.equal(isErrorCode('text.tooLong'), true);
    assert.equal(isErrorCode('nope.nope'), false);
    assert.equal(isErrorCode('constructor'), false);
    assert.equal(isErrorCode('__proto__'), false);
    assert.equal(isErrorCode('toString'), false);
  });
});

describe('errorMessage', () => {
  it('interpolates params', () => {
    assert.match(errorMessage('en', 'text.tooLong', { max: 5000 }), /5000/);
    assert.match(errorMessage('zh-hans', 'text.tooLong', { max: 100 }), /100/);
    assert.match(errorMessage('zh-hant', 'headcount.belowNames', { min: 3 }), /3/);
    assert.match(errorMessage('en', 'names.invalid', { name: 'Bobby<b>' }), /Bobby<b>/);
    assert.match(errorMessage('en', 'headcount.tooLarge', { max: 500 }), /500/);
  });

  it('gives a different text per locale', () => {
    const texts = new Set(LOCALES.map((locale) => errorMessage(locale, 'orgs.required')));
    assert.equal(texts.size, 3);
  });

  it('falls back to text.invalid for unknown codes', () => {
    for (const locale of LOCALES) {
      const fallback = errorMessage(locale, 'text.invalid');
      assert.ok(fallback.length > 0);
      assert.equal(errorMessage(locale, 'no.suchCode'), fallback);
      assert.equal(errorMessage(locale, ''), fallback);
      assert.equal(errorMessage(locale, 'constructor'), fallback);
      assert.equal(errorMessage(locale, '__proto__'), fallback);
    }
  });

  it('works without params', () => {
    assert.equal(typeof errorMessage('en', 'consent.required'), 'string');
  });
});

type Shape = string | { [key: string]: Shape };

/** The key structure of a catalog: leaves are their kind, arrays keep their length. */
function shapeOf(value: unknown): Shape {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'function') return 'function';
  if (Array.isArray(value)) return `array(${value.length}):${value.map((item) => shapeOf(item)).join(',')}`;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]),
    );
  }
  return typeof value;
}

function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => strings(item, path ? `${path}.${key}` : key));
  }
  return [];
}

describe('catalogs', () => {
  for (const [name, catalog] of Object.entries(CATALOGS)) {
    it(`${name} has exactly the keys of zh-hans, with arrays of equal length`, () => {
      assert.deepEqual(shapeOf(catalog), shapeOf(zhHans));
    });

    it(`${name} has no empty strings`, () => {
      const all = strings(catalog);
      assert.ok(all.length > 50);
      for (const [path, text] of all) assert.ok(text.trim().length > 0, `${name}: ${path} is empty`);
    });

    it(`${name}: every error message is a non-empty string for any params`, () => {
      const params = { max: 5, min: 2, name: 'x', minutes: 3 };
      for (const [code, message] of Object.entries(catalog.errors)) {
        const text: unknown = (message as (p: typeof params) => string)(params);
        assert.equal(typeof text, 'string', code);
        assert.ok((text as string).trim().length > 0, `${name}: ${code} is empty`);
        assert.ok(!(text as string).includes('undefined'), `${name}: ${code} prints undefined`);
      }
    });

    it(`${name}: error messages that take a limit show it`, () => {
      const params = { max: 7, min: 3, name: 'Zed' };
      assert.match(catalog.errors['text.tooLong'](params), /7/);
      assert.match(catalog.errors['names.tooMany'](params), /7/);
      assert.match(catalog.errors['headcount.tooLarge'](params), /7/);
      assert.match(catalog.errors['headcount.belowNames'](params), /3/);
      assert.match(catalog.errors['names.invalid'](params), /Zed/);
    });

    it(`${name}: the other message functions return text`, () => {
      assert.match(catalog.form.defaultTitle('ORGS'), /ORGS/);
      assert.match(catalog.declaration.people(7), /7/);
      // Called as the declaration page does: (names, headcount − names, headcount).
      const andOthers = catalog.declaration.andOthers as (names: string, others: number, total: number) => string;
      const text = andOthers('Zed', 2, 3);
      assert.match(text, /Zed/);
      assert.match(text, /[23]/, 'shows the others or the total');
      assert.ok(!text.includes('undefined'), text);
      assert.equal(andOthers('Zed', 0, 1), 'Zed');
    });
  }

  const SIMPLIFIED = [...'声简这个们时说为过发请码号'];
  const TRADITIONAL = [...'聲簡這個們時說為過發請碼號'];

  it('zh-hant contains no simplified-only characters', () => {
    for (const [path, text] of strings(zhHant)) {
      for (const character of SIMPLIFIED) assert.ok(!text.includes(character), `zh-hant ${path} has ${character}: ${text}`);
    }
  });

  it('zh-hans contains no traditional forms', () => {
    for (const [path, text] of strings(zhHans)) {
      for (const character of TRADITIONAL) assert.ok(!text.includes(character), `zh-hans ${path} has ${character}: ${text}`);
    }
  });

  it('the error messages follow the same script rules', () => {
    const params = { max: 5, min: 2, name: 'x', minutes: 3 };
    for (const message of Object.values(zhHant.errors)) {
      const text = (message as (p: typeof params) => string)(params);
      for (const character of SIMPLIFIED) assert.ok(!text.includes(character), `zh-hant error has ${character}: ${text}`);
    }
    for (const message of Object.values(zhHans.errors)) {
      const text = (message as (p: typeof params) => string)(params);
      for (const character of TRADITIONAL) assert.ok(!text.includes(character), `zh-hans error has ${character}: ${text}`);
    }
  });

  it('each catalog declares its own language', () => {
    assert.equal(zhHans.lang, 'zh-Hans');
    assert.equal(zhHant.lang, 'zh-Hant');
    assert.equal(en.lang, 'en');
  });
});
