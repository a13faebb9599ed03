import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the rate limits know of a client: an HMAC of its address under a key drawn at random for
 * each UTC day and held only in this process's memory (docs/security.md, "What is never stored").
 * The key is never written, logged or shared; at midnight it is dropped and a new one drawn, so no
 * one, not even the operator with the database and the keys folder, can tell whether two
 * submissions on different days came from one address, or test a guessed address against anything.
 * Nothing keyed by it is stored either: the limits that use it live in memory.
 */
export class AddressKeys {
  private day = Number.NaN;
  // A key object, made once a day: createHmac turns a Buffer key into one on every call, which cost
  // more than the hash itself on every submission (docs/performance.md, "PostgreSQL intake, 7 December 2026").
  private key: KeyObject = createSecretKey(randomBytes(32));

  constructor(private readonly now: () => number) {}

  /** The key for an address; an unknown address (no socket) is one client of its own. */
  keyOf(address: string | undefined): string {
    const day = Math.floor(this.now() / DAY_MS);
    if (day !== this.day) {
      this.key = createSecretKey(randomBytes(32));
      this.day = day;
    }
    return createHmac('sha256', this.key)
      .update(address ?? '')
      .digest('base64url')
      .slice(0, 22);
  }
}
