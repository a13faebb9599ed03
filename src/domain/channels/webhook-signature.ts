import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The voicemail webhook's signature (docs/inbox.md): `X-Tuidang-Signature: t=<unix seconds>,v1=<hex>`,
 * the hex being HMAC-SHA-256 under the center's secret of `t + "." + raw body`. The time is signed
 * with the body, so a captured request cannot be replayed after the window, and within the window a
 * replay is the same item again (the signature is its source reference).
 */

/** How far a signature's time may be from ours, either way. */
const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

const HEADER = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/;

export function signWebhook(secret: string, unixSeconds: number, body: Uint8Array): string {
  return `t=${unixSeconds},v1=${mac(secret, String(unixSeconds), body)}`;
}

function mac(secret: string, t: string, body: Uint8Array): string {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
}

export type SignatureCheck = { ok: true; signature: string } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** Checks a signature header against the body, in constant time, at `nowMs`. */
export function verifyWebhookSignature(header: string | undefined, secret: string, body: Uint8Array, nowMs: number): SignatureCheck {
  if (header === undefined || header === '') return { ok: false, reason: 'missing' };
  const match = HEADER.exec(header.trim().toLowerCase());
  if (!match) return { ok: false, reason: 'malformed' };
  const [, t, given] = match as unknown as [string, string, string];
  if (Math.abs(Number(t) - Math.floor(nowMs / 1000)) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(mac(secret, t, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { ok: false, reason: 'mismatch' };
  return { ok: true, signature: given };
}
