import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  formatQueryPassword,
  generateQueryPassword,
  hashQueryPassword,
  normalizeQueryPassword,
  queryPasswordMatches,
} from './query-password.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const NUMBER = '4111111111111111';
const PASSWORD = '0123456789ABCDEFGHJK';

describe('generateQueryPassword', () => {
  it('makes 20 Crockford symbols, at least 80 bits', () => {
    assert.equal(CROCKFORD.length, 32, '5 bits per symbol');
    for (let i = 0; i < 500; i++) {
      const password = generateQueryPassword();
      assert.equal(password.length, 20);
      assert.match(password, /^[0-9A-HJKMNP-TV-Z]{20}$/);
      assert.ok(password.length * Math.log2(CROCKFORD.length) >= 80);
      assert.equal(normalizeQueryPassword(password), password);
    }
  });

  it('uses the whole alphabet and never I, L, O or U', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) for (const symbol of generateQueryPassword()) seen.add(symbol);
    assert.deepEqual([...seen].sort().join(''), CROCKFORD);
  });

  it('makes distinct passwords', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(generateQueryPassword());
    assert.equal(seen.size, 5000);
  });
});

describe('formatQueryPassword', () => {
  it('groups by four with hyphens', () => {
    assert.equal(formatQueryPassword(PASSWORD), '0123-4567-89AB-CDEF-GHJK');
    assert.match(formatQueryPassword(generateQueryPassword()), /^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);
  });

  it('round-trips through normalization', () => {
    for (let i = 0; i < 50; i++) {
      const password = generateQueryPassword();
      assert.equal(normalizeQueryPassword(formatQueryPassword(password)), password);
    }
  });
});

describe('normalizeQueryPassword', () => {
  it('folds lowercase, hyphens and spaces', () => {
    assert.equal(normalizeQueryPassword('0123-4567-89ab-cdef-ghjk'), PASSWORD);
    assert.equal(normalizeQueryPassword(' 0123 4567 89AB CDEF GHJK '), PASSWORD);
    assert.equal(normalizeQueryPassword('0123_4567.89ab-CDEF ghjk'), PASSWORD);
  });

  it('folds full-width forms', () => {
    assert.equal(normalizeQueryPassword('０１２３－４５６７－８９ＡＢ－ｃｄｅｆ－ＧＨＪＫ'), PASSWORD);
    assert.equal(normalizeQueryPassword('０１２３\u3000４５６７\u3000８９ＡＢ\u3000ＣＤＥＦ\u3000ＧＨＪＫ'), PASSWORD);
  });

  it('maps the look-alikes O→0 and I/L→1, in either case', () => {
    assert.equal(normalizeQueryPassword('O123-4567-89AB-CDEF-GHJK'), PASSWORD);
    assert.equal(normalizeQueryPassword('o123-4567-89AB-CDEF-GHJK'), PASSWORD);
    assert.equal(normalizeQueryPassword('0I23-4567-89AB-CDEF-GHJK'), PASSWORD);
    assert.equal(normalizeQueryPassword('0l23-4567-89AB-CDEF-GHJK'), PASSWORD);
    assert.equal(normalizeQueryPassword('0L23-4567-89AB-CDEF-GHJK'), PASSWORD);
    assert.equal(normalizeQueryPassword('0i23-4567-89AB-CDEF-GHJK'), PASSWORD);
  });

  it('rejects the wrong length', () => {
    assert.equal(normalizeQueryPassword(PASSWORD.slice(0, 19)), null);
    assert.equal(normalizeQueryPassword(`${PASSWORD}0`), null);
    assert.equal(normalizeQueryPassword(''), null);
    assert.equal(normalizeQueryPassword('----'), null);
  });

  it('rejects U and characters outside the alphabet', () => {
    assert.equal(normalizeQueryPassword('U123-4567-89AB-CDEF-GHJK'), null);
    assert.equal(normalizeQueryPassword('u123-4567-89AB-CDEF-GHJK'), null);
    assert.equal(normalizeQueryPassword('*123-4567-89AB-CDEF-GHJK'), null);
    assert.equal(normalizeQueryPassword('密123-4567-89AB-CDEF-GHJK'), null);
  });
});

describe('hashQueryPassword', () => {
  it('is deterministic for the same key, number and password', () => {
    assert.equal(hashQueryPassword(KEY, NUMBER, PASSWORD), hashQueryPassword(Buffer.from(KEY), NUMBER, PASSWORD));
  });

  it('is keyed: another key gives another hash', () => {
    assert.notEqual(hashQueryPassword(KEY, NUMBER, PASSWORD), hashQueryPassword(OTHER_KEY, NUMBER, PASSWORD));
    assert.notEqual(hashQueryPassword(KEY, NUMBER, PASSWORD), hashQueryPassword(randomBytes(32), NUMBER, PASSWORD));
  });

  it('is bound to the registration number', () => {
    assert.notEqual(hashQueryPassword(KEY, NUMBER, PASSWORD), hashQueryPassword(KEY, '5555555555554444', PASSWORD));
  });

  it('depends on the password', () => {
    assert.notEqual(hashQueryPassword(KEY, NUMBER, PASSWORD), hashQueryPassword(KEY, NUMBER, '0123456789ABCDEFGHJM'));
  });

  it('does not contain the password or the number', () => {
    const hash = hashQueryPassword(KEY, NUMBER, PASSWORD);
    assert.ok(!hash.includes(PASSWORD));
    assert.ok(!hash.includes(NUMBER));
    assert.match(hash, /^[A-Za-z0-9_-]{43}$/, 'base64url of 32 bytes');
  });
});

describe('queryPasswordMatches', () => {
  const stored = hashQueryPassword(KEY, NUMBER, PASSWORD);

  it('is true for the right key, number and password', () => {
    assert.equal(queryPasswordMatches(KEY, NUMBER, PASSWORD, stored), true);
  });

  it('is false for a wrong password, number or key', () => {
    assert.equal(queryPasswordMatches(KEY, NUMBER, '0123456789ABCDEFGHJM', stored), false);
    assert.equal(queryPasswordMatches(KEY, '5555555555554444', PASSWORD, stored), false);
    assert.equal(queryPasswordMatches(OTHER_KEY, NUMBER, PASSWORD, stored), false);
  });

  it('is false, without throwing, for a stored hash of a different length', () => {
    assert.equal(queryPasswordMatches(KEY, NUMBER, PASSWORD, stored.slice(0, -1)), false);
    assert.equal(queryPasswordMatches(KEY, NUMBER, PASSWORD, `${stored}A`), false);
    assert.equal(queryPasswordMatches(KEY, NUMBER, PASSWORD, ''), false);
  });

  it('is false for a same-length hash that differs in one character', () => {
    const last = stored.at(-1) === 'A' ? 'B' : 'A';
    assert.equal(queryPasswordMatches(KEY, NUMBER, PASSWORD, stored.slice(0, -1) + last), false);
  });
});
