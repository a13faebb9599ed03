import { createCipheriv, type Cipheriv } from 'node:crypto';

/**
 * A registration number is 16 digits: 15 that encode a serial and a Luhn check digit, so a mistyped
 * digit or swapped pair is caught before any lookup.
 *
 * The 15 digits are a keyed permutation of the serial (see RegistrationNumberCodec): serials are
 * handed out in increasing order, so the database indexes them by appending, while the numbers look
 * random to anyone without the key and reveal neither the order nor the volume of submissions.
 */
export const REGISTRATION_NUMBER_LENGTH = 16;

export function luhnCheckDigit(body: string): number {
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

/** Accepts what people copy: spaces, hyphens and full-width digits. Returns null when it cannot be one. */
export function normalizeRegistrationNumber(input: string): string | null {
  const digits = input.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\-－]/g, '');
  if (!/^[1-9][0-9]{15}$/.test(digits)) return null;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1)) ? digits : null;
}

export function formatRegistrationNumber(value: string): string {
  return value.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A number as the database finds it: new numbers by their serial, numbers issued before serials by their text. */
export interface RegistrationNumberRef {
  number: string;
  /** The serial the number decodes to under this installation's key. */
  serial: number;
}

/** The 15-digit bodies with no leading zero are 10^14 + [0, 9·10^14), and 9·10^14 = HALF². */
const BODY_OFFSET = 1e14;
const HALF = 30_000_000;
/** Serials run from 1 to below this. */
export const SERIAL_LIMIT = HALF * HALF;
/** As many rounds as NIST's FF1 format-preserving encryption uses. */
const ROUNDS = 10;
const BLOCK = 16;

/**
 * A keyed permutation of [0, 9·10^14): a Feistel network over two halves of 30,000,000 values each
 * (x = L·HALF + R; each round L, R ← R, (L + F(round, R)) mod HALF), whose round function F is
 * AES-256 of (round, R) under the key. It is a bijection by construction, so distinct serials give
 * distinct numbers and a number gives back its serial without any lookup.
 */
export class RegistrationNumberCodec {
  readonly #cipher: Cipheriv;

  constructor(key: Buffer) {
    // ECB over one block at a time is AES itself: the round function, not a mode of encryption.
    this.#cipher = createCipheriv('aes-256-ecb', key, null);
    this.#cipher.setAutoPadding(false);
  }

  /** The numbers of these serials; each round is one AES call for the whole list. */
  encodeMany(serials: readonly number[]): string[] {
    const left = new Float64Array(serials.length);
    const right = new Float64Array(serials.length);
    serials.forEach((serial, i) => {
      if (!Number.isSafeInteger(serial) || serial < 1 || serial >= SERIAL_LIMIT) throw new RangeError(`serial out of range: ${serial}`);
      left[i] = Math.floor(serial / HALF);
      right[i] = serial % HALF;
    });
    const blocks = Buffer.alloc(serials.length * BLOCK);
    for (let round = 0; round < ROUNDS; round++) {
      const mixed = this.#rounds(blocks, round, right);
      for (let i = 0; i < serials.length; i++) {
        const next = (left[i]! + mixed[i]!) % HALF;
        left[i] = right[i]!;
        right[i] = next;
      }
    }
    return serials.map((_, i) => {
      const body = String(BODY_OFFSET + left[i]! * HALF + right[i]!);
      return body + luhnCheckDigit(body);
    });
  }

  encode(serial: number): string {
    return this.encodeMany([serial])[0]!;
  }

  /** The serial of a normalized number (see normalizeRegistrationNumber), whether or not it was ever issued. */
  decode(number: string): number {
    const value = Number(number.slice(0, -1)) - BODY_OFFSET;
    let left = Math.floor(value / HALF);
    let right = value % HALF;
    const block = Buffer.alloc(BLOCK);
    const half = new Float64Array(1);
    for (let round = ROUNDS - 1; round >= 0; round--) {
      half[0] = left;
      const previousLeft = (right - this.#rounds(block, round, half)[0]! + HALF) % HALF;
      right = left;
      left = previousLeft;
    }
    return left * HALF + right;
  }

  /** The serials of many normalized numbers, each round one AES call for the whole list (as encodeMany). */
  decodeMany(numbers: readonly string[]): number[] {
    const left = new Float64Array(numbers.length);
    const right = new Float64Array(numbers.length);
    numbers.forEach((number, i) => {
      const value = Number(number.slice(0, -1)) - BODY_OFFSET;
      left[i] = Math.floor(value / HALF);
      right[i] = value % HALF;
    });
    const blocks = Buffer.alloc(numbers.length * BLOCK);
    for (let round = ROUNDS - 1; round >= 0; round--) {
      const mixed = this.#rounds(blocks, round, left);
      for (let i = 0; i < numbers.length; i++) {
        const previousLeft = (right[i]! - mixed[i]! + HALF) % HALF;
        right[i] = left[i]!;
        left[i] = previousLeft;
      }
    }
    return numbers.map((_, i) => left[i]! * HALF + right[i]!);
  }

  ref(number: string): RegistrationNumberRef {
    return { number, serial: this.decode(number) };
  }

  /** F(round, value) for every value at once: AES of [round, 0…, value] truncated to 48 bits, mod HALF. */
  #rounds(blocks: Buffer, round: number, values: Float64Array): Float64Array {
    for (let i = 0; i < values.length; i++) {
      blocks[i * BLOCK] = round;
      blocks.writeUInt32BE(values[i]!, i * BLOCK + 12);
    }
    const out = this.#cipher.update(blocks);
    const mixed = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) mixed[i] = out.readUIntBE(i * BLOCK, 6) % HALF;
    return mixed;
  }
}
