import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  REGISTRATION_NUMBER_LENGTH,
  formatRegistrationNumber,
  generateRegistrationNumber,
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

describe('generateRegistrationNumber', () => {
  it('makes 16 digits with no leading zero that pass normalization unchanged', () => {
    assert.equal(REGISTRATION_NUMBER_LENGTH, 16);
    for (let i = 0; i < 500; i++) {
      const number = generateRegistrationNumber();
      assert.match(number, /^[1-9][0-9]{15}$/);
      assert.ok(luhnValid(number), `${number} fails an independent Luhn check`);
      assert.equal(normalizeRegistrationNumber(number), number);
    }
  });

  it('makes distinct numbers', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(generateRegistrationNumber());
    assert.equal(seen.size, 10_000);
  });

  it('uses every digit in every position after the first', () => {
    const digitsAt = Array.from({ length: 15 }, () => new Set<string>());
    for (let i = 0; i < 2000; i++) {
      const number = generateRegistrationNumber();
      for (let p = 0; p < 15; p++) digitsAt[p]!.add(number[p]!);
    }
    assert.equal(digitsAt[0]!.size, 9, 'first digit should range over 1-9');
    assert.ok(!digitsAt[0]!.has('0'));
    for (let p = 1; p < 15; p++) assert.equal(digitsAt[p]!.size, 10, `position ${p} is not uniform-looking`);
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
      const number = generateRegistrationNumber();
      assert.equal(normalizeRegistrationNumber(formatRegistrationNumber(number)), number);
    }
  });

  it('rejects every single changed digit in every position', () => {
    const numbers = [...KNOWN_VALID, generateRegistrationNumber(), generateRegistrationNumber()];
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
    const numbers = [...KNOWN_VALID, '9012345678901238', generateRegistrationNumber(), generateRegistrationNumber()];
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
