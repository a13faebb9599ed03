import { createHmac, randomBytes } from 'node:crypto';

/**
 * One-use tokens and references of a submission (see repositories/submission-receipts-repository.ts):
 * the token a form carries so that a repeated post returns the first receipt, and the reference the
 * receipt page is reached by after the redirect. 128 random bits, URL-safe.
 */
export function newSubmissionToken(): string {
  return randomBytes(16).toString('base64url');
}

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

export function isSubmissionToken(value: string): boolean {
  return TOKEN.test(value);
}

/**
 * What a token is for: the public form, the API's Idempotency-Key, one staff member's console
 * batches, or the receipt page's reference. A token of one scope means nothing in another.
 */
export type TokenScope = 'form' | 'api' | 'ref' | `batch:${number}`;

/** Keyed, because an Idempotency-Key is the client's choice and may be guessable. */
export function tokenHash(key: Buffer, scope: TokenScope, token: string): string {
  return createHmac('sha256', key).update(`${scope}\u0000${token}`).digest('base64url');
}

/** A request body as first seen with its key; keyed, as a body of a name and an organisation is guessable. */
export function bodyFingerprint(key: Buffer, body: string | Buffer): string {
  return createHmac('sha256', key).update('body\u0000').update(body).digest('base64url');
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
