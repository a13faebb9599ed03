import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

/**
 * One-use tokens and references of a submission (see repositories/submission-receipts-repository.ts):
 * the token a form carries so that a repeated post returns the first receipt, and the reference the
 * receipt page is reached by after the redirect.
 *
 * A token is the time it was made (milliseconds in base 36, 8 characters) and 128 random bits. The
 * time leads its hash too, so the unique index that settles repeats grows at its end like the
 * declarations' serials do, instead of taking a random page of the index with every submission.
 */
export function newSubmissionToken(at: Date = new Date()): string {
  return `${timePrefix(at)}${randomBytes(16).toString('base64url')}`;
}

const TOKEN = /^[0-9a-z]{8}[A-Za-z0-9_-]{22}$/;

export function isSubmissionToken(value: string): boolean {
  return TOKEN.test(value);
}

const timePrefix = (at: Date) => at.getTime().toString(36).padStart(8, '0');

/**
 * What a token is for: the public form, the API's Idempotency-Key, one staff member's console
 * batches, or the receipt page's reference. A token of one scope means nothing in another.
 */
export type TokenScope = 'form' | 'api' | 'ref' | `batch:${number}`;

// createHmac turns a Buffer key into a key object on every call (ten times the cost of the hash here).
const keyObjects = new WeakMap<Buffer, KeyObject>();

function keyObject(key: Buffer): KeyObject {
  let object = keyObjects.get(key);
  if (!object) {
    object = createSecretKey(key);
    keyObjects.set(key, object);
  }
  return object;
}

/**
 * Keyed, because an Idempotency-Key is the client's choice and may be guessable. A form's or a
 * batch's token keeps its time in front (see above); a client's key has none to keep.
 */
export function tokenHash(key: Buffer, scope: TokenScope, token: string): string {
  const hash = createHmac('sha256', keyObject(key)).update(`${scope}\u0000${token}`).digest('base64url');
  return scope === 'api' || scope === 'ref' ? hash : `${token.slice(0, 8)}.${hash}`;
}

/** A request body as first seen with its key; keyed, as a body of a name and an organisation is guessable. */
export function bodyFingerprint(key: Buffer, body: string | Buffer): string {
  return createHmac('sha256', keyObject(key)).update('body\u0000').update(body).digest('base64url');
}

/**
 * A time-ordered row id (UUIDv7, RFC 9562): rows of one time sit together in the primary key's
 * index, so inserting them writes its last pages only.
 */
export function timeOrderedId(at: Date): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(at.getTime(), 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const REFERENCE = /^([0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})\.([A-Za-z0-9_-]{22})$/;

/**
 * A receipt page's one-use reference: the held row's id, found by its primary key, and a secret of
 * 128 bits that only its hash in the row can confirm.
 */
export function newReference(id: string): { ref: string; secret: string } {
  const secret = randomBytes(16).toString('base64url');
  return { ref: `${id}.${secret}`, secret };
}

export function parseReference(ref: string): { id: string; secret: string } | null {
  const match = REFERENCE.exec(ref);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/** An Idempotency-Key is 16 to 255 visible ASCII characters: a UUID or another random value. */
const IDEMPOTENCY_KEY = /^[\x21\x23-\x5b\x5d-\x7e]{16,255}$/;

/**
 * The Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header): a structured-field string,
 * `"…"`, or the bare value many clients send. Undefined when absent, null when unusable.
 */
export function parseIdempotencyKey(header: string | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  const value = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  return IDEMPOTENCY_KEY.test(value) ? value : null;
}
