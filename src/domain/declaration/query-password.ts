import { createHmac, createSecretKey, randomInt, timingSafeEqual, type KeyObject } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so nothing is misread when copied by hand. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 20 symbols × 5 bits = 100 bits, above the 80 the receipt promises. */
const SYMBOLS = 20;
const GROUP = 4;

export function generateQueryPassword(): string {
  let value = '';
  for (let i = 0; i < SYMBOLS; i++) value += ALPHABET[randomInt(0, ALPHABET.length)];
  return value;
}

export function formatQueryPassword(value: string): string {
  return value.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

/** Folds case, separators, full-width forms and the look-alikes Crockford maps (O→0, I/L→1). */
export function normalizeQueryPassword(input: string): string | null {
  const folded = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (folded.length !== SYMBOLS) return null;
  for (const symbol of folded) if (!ALPHABET.includes(symbol)) return null;
  return folded;
}

// createHmac turns a Buffer key into a key object on every call (five times the cost of the hash itself).
const keyObjects = new WeakMap<Buffer, KeyObject>();

function keyObject(key: Buffer): KeyObject {
  let object = keyObjects.get(key);
  if (!object) {
    object = createSecretKey(key);
    keyObjects.set(key, object);
  }
  return object;
}

/** Bound to the registration number so one hash cannot be replayed on another receipt. */
export function hashQueryPassword(key: Buffer, registrationNumber: string, password: string): string {
  return createHmac('sha256', keyObject(key)).update(`${registrationNumber}:${password}`).digest('base64url');
}

/** The hashing a receipt check does, behind one object so a test can count it (test/http/receipt-timing.test.ts). */
export const receiptWork = { hash: hashQueryPassword };

// Stands in for a stored hash when the number is unknown: the same length as every real one (43 characters).
const DECOY_HASH = 'A'.repeat(43);

/**
 * Whether a password opens a receipt. With no stored hash (an unknown number) the same HMAC and the
 * same constant-time comparison run against a decoy, so an unknown number and a wrong password cost
 * the same work and answer in the same time (docs/security.md, "Receipts").
 */
export function queryPasswordMatches(key: Buffer, registrationNumber: string, password: string, stored: string | null): boolean {
  const expected = Buffer.from(receiptWork.hash(key, registrationNumber, password));
  const actual = Buffer.from(stored ?? DECOY_HASH);
  const equal = expected.length === actual.length && timingSafeEqual(expected, actual);
  return equal && stored !== null;
}
