import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import {
  REGISTRATION_NUMBER_LENGTH,
  RegistrationNumberCodec,
  SERIAL_LIMIT,
  formatRegistrationNumber,
  normalizeRegistrationNumber,
} from './registration-number.ts';

/** Valid Luhn numbers computed independently of the module (see the Luhn test below). */
const KNOWN_VALID = ['4111111111111111', '5555555555554444', '1234567812345670', '9876543210987658'];

/** An independent Luhn check over the full number, check digit included. */
function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function withDigit(number: string, position: number, digit: string): string {
  return number.slice(0, position) + digit + number.slice(position + 1);
}

function swapped(number: string, position: number): string {
  return number.slice(0, position) + number[position + 1] + number[position] + number.slice(position + 2);
}

const codec = new RegistrationNumberCodec(randomBytes(32));
let drawn = 0;
const anySerial = () => 1 + Math.floor(Math.random() * (SERIAL_LIMIT - 1));
/** A number as the service issues them: consecutive serials. */
const issued = () => codec.encode(++drawn);

describe('RegistrationNumberCodec', () => {
  it('makes 16 digits with no leading zero that pass normalization unchanged', () => {
    assert.equal(REGISTRATION_NUMBER_LENGTH, 16);
    for (const serial of [1, 2, 3, SERIAL_LIMIT - 1, ...Array.from({ length: 500 }, () => anySerial())]) {
      const number = codec.encode(serial);
      assert.match(number, /^[1-9][0-9]{15}$/);
      assert.ok(luhnValid(number), `${number} fails an independent Luhn check`);
      assert.equal(normalizeRegistrationNumber(number), number);
    }
  });

  it('gives every number back its serial, and every valid number a serial that encodes to it', () => {
    for (const serial of [1, 2, SERIAL_LIMIT - 1, ...Array.from({ length: 2000 }, () => anySerial())]) {
      assert.equal(codec.decode(codec.encode(serial)), serial);
    }
    for (const number of KNOWN_VALID) assert.equal(codec.encode(codec.decode(number)), number);
  });

  it('decodes a list as it decodes each number alone', () => {
    const numbers = [...KNOWN_VALID, ...codec.encodeMany(Array.from({ length: 300 }, () => anySerial()))];
    assert.deepEqual(
      codec.decodeMany(numbers),
      numbers.map((number) => codec.decode(number)),
    );
  });

  it('encodes a list as it encodes each serial alone', () => {
    const serials = Array.from({ length: 300 }, (_, i) => 5000 + i * 7);
    assert.deepEqual(
      codec.encodeMany(serials),
      serials.map((serial) => codec.encode(serial)),
    );
  });

  it('makes distinct numbers from consecutive serials', () => {
    const numbers = codec.encodeMany(Array.from({ length: 10_000 }, (_, i) => i + 1));
    assert.equal(new Set(numbers).size, 10_000);
  });

  it('hides the order of consecutive serials: every digit in every position after the first', () => {
    const digitsAt = Array.from({ length: 15 }, () => new Set<string>());
    for (let i = 0; i < 2000; i++) {
      const number = issued();
      for (let p = 0; p < 15; p++) digitsAt[p]!.add(number[p]!);
    }
    assert.equal(digitsAt[0]!.size, 9, 'first digit should range over 1-9');
    assert.ok(!digitsAt[0]!.has('0'));
    for (let p = 1; p < 15; p++) assert.equal(digitsAt[p]!.size, 10, `position ${p} is not uniform-looking`);
    const ascending = codec.encodeMany([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.notDeepEqual(ascending, [...ascending].sort(), 'numbers of consecutive serials are not in order');
  });

  it('depends on the key: the same key gives the same numbers, another key others', () => {
    const key = randomBytes(32);
    const serials = [1, 2, 3, 1_000_000];
    assert.deepEqual(
      new RegistrationNumberCodec(key).encodeMany(serials),
      new RegistrationNumberCodec(Buffer.from(key)).encodeMany(serials),
    );
    const other = new RegistrationNumberCodec(randomBytes(32)).encodeMany(serials);
    assert.ok(serials.every((_, i) => other[i] !== codec.encodeMany(serials)[i]));
  });

  it('refuses serials outside 1 … 9·10^14 − 1', () => {
    for (const serial of [0, -1, SERIAL_LIMIT, 1.5, Number.NaN]) assert.throws(() => codec.encode(serial), RangeError);
  });
});

describe('normalizeRegistrationNumber', () => {
  it('accepts known valid Luhn numbers', () => {
    for (const number of KNOWN_VALID) {
      assert.ok(luhnValid(number), `fixture ${number} is not Luhn-valid`);
      assert.equal(normalizeRegistrationNumber(number), number);
    }
  });

  it('accepts spaces, hyphens and full-width digits', () => {
    assert.equal(normalizeRegistrationNumber('4111 1111 1111 1111'), '4111111111111111');
    assert.equal(normalizeRegistrationNumber('  4111-1111-1111-1111 '), '4111111111111111');
    assert.equal(normalizeRegistrationNumber('4111\t1111\n1111\u30001111'), '4111111111111111');
    assert.equal(normalizeRegistrationNumber('４１１１１１１１１１１１１１１１'), '4111111111111111');
    assert.equal(normalizeRegistrationNumber('１２３４－５６７８－１２３４－５６７０'), '1234567812345670');
  });

  it('round-trips its own formatting', () => {
    for (let i = 0; i < 50; i++) {
      const number = issued();
      assert.equal(normalizeRegistrationNumber(formatRegistrationNumber(number)), number);
    }
  });

  it('rejects every single changed digit in every position', () => {
    const numbers = [...KNOWN_VALID, issued(), issued()];
    for (const number of numbers) {
      for (let position = 0; position < number.length; position++) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === number[position]) continue;
          const changed = withDigit(number, position, String(digit));
          assert.equal(normalizeRegistrationNumber(changed), null, `${changed} (from ${number}) was accepted`);
        }
      }
    }
  });

  it('rejects adjacent transpositions that Luhn catches (all except 0↔9)', () => {
    const numbers = [...KNOWN_VALID, '9012345678901238', issued(), issued()];
    let checked = 0;
    for (const number of numbers) {
      assert.ok(luhnValid(number), `fixture ${number} is not Luhn-valid`);
      for (let position = 0; position < number.length - 1; position++) {
        const pair = number[position]! + number[position + 1]!;
        if (pair[0] === pair[1] || pair === '09' || pair === '90') continue;
        const changed = swapped(number, position);
        assert.equal(normalizeRegistrationNumber(changed), null, `${changed} (from ${number}) was accepted`);
        checked++;
      }
    }
    assert.ok(checked > 50);
  });

  it('rejects the wrong length', () => {
    const number = '4111111111111111';
    assert.equal(normalizeRegistrationNumber(number.slice(0, 15)), null);
    assert.ok(luhnValid('411111111111116'));
    assert.equal(normalizeRegistrationNumber('411111111111116'), null, '15 Luhn-valid digits');
    assert.equal(normalizeRegistrationNumber(`${number}0`), null);
    // 17 digits that are Luhn-valid as a whole are still not a registration number.
    assert.ok(luhnValid('41111111111111113'));
    assert.equal(normalizeRegistrationNumber('41111111111111113'), null);
    assert.equal(normalizeRegistrationNumber(''), null);
    assert.equal(normalizeRegistrationNumber('   '), null);
  });

  it('rejects a leading zero even when the Luhn check passes', () => {
    const candidate = '0000000000000000';
    assert.ok(luhnValid(candidate));
    assert.equal(normalizeRegistrationNumber(candidate), null);
  });

  it('rejects letters and other characters', () => {
    assert.equal(normalizeRegistrationNumber('411111111111111A'), null);
    assert.equal(normalizeRegistrationNumber('4111111111111111x'), null);
    assert.equal(normalizeRegistrationNumber('O111111111111111'), null);
    assert.equal(normalizeRegistrationNumber('4111.1111.1111.1111'), null);
    assert.equal(normalizeRegistrationNumber('+4111111111111111'), null);
    assert.equal(normalizeRegistrationNumber('٤١١١١١١١١١١١١١١١'), null, 'Arabic-Indic digits');
  });
});

describe('formatRegistrationNumber', () => {
  it('groups by four with single spaces', () => {
    assert.equal(formatRegistrationNumber('4111111111111111'), '4111 1111 1111 1111');
    assert.equal(formatRegistrationNumber('1234567812345670'), '1234 5678 1234 5670');
  });

  it('leaves no trailing space and handles partial groups', () => {
    assert.equal(formatRegistrationNumber('12345'), '1234 5');
    assert.equal(formatRegistrationNumber('1234'), '1234');
  });
});
