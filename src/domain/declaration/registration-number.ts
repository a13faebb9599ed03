import { randomInt } from 'node:crypto';

/** 15 random digits and a Luhn check digit: a mistyped digit or swapped pair is caught before any lookup. */
export const REGISTRATION_NUMBER_LENGTH = 16;

function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function generateRegistrationNumber(): string {
  // No leading zero, so spreadsheets and number parsers keep all 16 digits.
  let body = String(randomInt(1, 10));
  while (body.length < REGISTRATION_NUMBER_LENGTH - 1) body += String(randomInt(0, 10));
  return body + luhnCheckDigit(body);
}

/** Accepts what people copy: spaces, hyphens and full-width digits. Returns null when it cannot be one. */
export function normalizeRegistrationNumber(input: string): string | null {
  const digits = input
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-－]/g, '');
  if (!/^[1-9][0-9]{15}$/.test(digits)) return null;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1)) ? digits : null;
}

export function formatRegistrationNumber(value: string): string {
  return value.replace(/(\d{4})(?=\d)/g, '$1 ');
}
