import type { Keys } from '../crypto/keys.ts';
import { open, seal } from '../crypto/seal.ts';
import { newReference, timeOrderedId, tokenHash } from '../domain/declaration/submission-token.ts';
import type { HeldReceipt, HeldReceiptRecord } from '../repositories/submission-receipts-repository.ts';

/**
 * What makes a repeat of a submission return its first receipt: the form's one-use token (null from a
 * mirror's form without one: its receipt is held for the page, but it is not deduplicated), or the
 * API's Idempotency-Key with a fingerprint of the body it came with.
 */
export type Once = { scope: 'form'; token: string | null } | { scope: 'api'; key: string; fingerprint: string };

/**
 * How long a receipt is held. A form is repeated within minutes (a reload, Back, a double tap); an
 * API client retries for longer. Held receipts are sealed, but a stolen server with its keys could
 * open them: the shorter, the fewer (docs/security.md).
 */
export const FORM_HOLD_MS = 60 * 60 * 1000;
const API_HOLD_MS = 24 * 60 * 60 * 1000;
const heldContext = (id: string) => `held-receipt:${id}`;

/** Seals receipts into held rows and opens them again: every secret in a row is sealed or keyed. */
export function createReceiptHolder(keys: Pick<Keys, 'submissionTokens' | 'heldReceipts'>) {
  function sealHeld<T>(
    receipt: T,
    at: Date,
    withReference: boolean,
    fields: Pick<HeldReceipt, 'tokenHash' | 'fingerprint' | 'expiresAt'>,
  ): { held: HeldReceipt; ref: string | null } {
    const id = timeOrderedId(at);
    const reference = withReference ? newReference(id) : null;
    const held: HeldReceipt = {
      id,
      ...fields,
      refHash: reference ? tokenHash(keys.submissionTokens, 'ref', reference.secret) : null,
      sealed: seal(keys.heldReceipts, JSON.stringify(receipt), heldContext(id)),
    };
    return { held, ref: reference?.ref ?? null };
  }

  return {
    sealHeld,

    /** The receipt held for a repeat of a submission or for its page, sealed, and the page's reference. */
    holdFor<T>(once: Once | undefined, receipt: T, createdAt: Date): { held: HeldReceipt | null; ref: string | null } {
      if (!once) return { held: null, ref: null };
      const token = once.scope === 'form' ? once.token : once.key;
      return sealHeld(receipt, createdAt, once.scope === 'form', {
        tokenHash: token === null ? null : tokenHash(keys.submissionTokens, once.scope, token),
        fingerprint: once.scope === 'api' ? once.fingerprint : null,
        expiresAt: new Date(createdAt.getTime() + (once.scope === 'form' ? FORM_HOLD_MS : API_HOLD_MS)),
      });
    },

    openHeld<T>(held: HeldReceiptRecord): T {
      return JSON.parse(open(keys.heldReceipts, held.sealed, heldContext(held.id))) as T;
    },
  };
}
