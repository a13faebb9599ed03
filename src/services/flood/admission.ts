import type { PublicAdmission } from '../../repositories/declarations/index.ts';
import type { AddressKeys } from './address-keys.ts';
import type { ProofOfWork } from './proof-of-work.ts';
import { WindowLimiter, type Allowance } from './window-limiter.ts';

/** The limits of the lower class and of receipt checks (config.ts, docs/security.md "Flooding"), per window. */
export interface FloodLimits {
  /** Submissions without a proof of work, per address. */
  unprovenPerAddress: number;
  /** Submissions without a proof of work, from all addresses together. */
  unprovenTotal: number;
  /** Receipt lookups and retractions, per address. */
  receiptChecksPerAddress: number;
}

const WINDOW_MS = 10 * 60 * 1000;

/** A submission's fate at the door: its class, or a refusal with when to try again. */
export type Admitted = { ok: true; admission: PublicAdmission } | { ok: false; retryAfterSeconds: number };

/**
 * Who gets in, and in which class. A valid proof of work admits a submission as `public`, always:
 * many declarants share one address (a circumvention tool's exit, a proxy app, a mirror), so a
 * proven submission is never refused for its address. Without one (a browser without JavaScript,
 * an API client that did not solve a challenge, or a proof that was invalid, expired or replayed) it
 * is admitted as `unproven`, within a small allowance per address and a global one for the class.
 * Addresses are known here only as daily keyed HMACs (address-keys.ts), counted in memory.
 */
export function createAdmission({
  pow,
  addressKeys,
  limits,
  now,
}: {
  pow: ProofOfWork;
  addressKeys: AddressKeys;
  limits: FloodLimits;
  now: () => number;
}) {
  const unprovenPerAddress = new WindowLimiter({ limit: limits.unprovenPerAddress, windowMs: WINDOW_MS }, now);
  const unprovenTotal = new WindowLimiter({ limit: limits.unprovenTotal, windowMs: WINDOW_MS }, now);
  const lookups = new WindowLimiter({ limit: limits.receiptChecksPerAddress, windowMs: WINDOW_MS }, now);

  return {
    issueChallenge: () => pow.issue(),

    /** The class a submission from `address` with `proof` (the solver's payload, if any) enters in, or a refusal. */
    async admit(address: string | undefined, proof: string | undefined): Promise<Admitted> {
      if (await pow.redeem(proof)) {
        pow.noteSubmission();
        return { ok: true, admission: 'public' };
      }
      const key = addressKeys.keyOf(address);
      const mine = unprovenPerAddress.take(key);
      if (!mine.ok) return mine;
      const all = unprovenTotal.take('all');
      if (!all.ok) {
        unprovenPerAddress.giveBack(key);
        return all;
      }
      pow.noteSubmission();
      return { ok: true, admission: 'unproven' };
    },

    /** Whether `address` may check a receipt now (lookups and retractions alike). */
    lookup(address: string | undefined): Allowance {
      return lookups.take(addressKeys.keyOf(address));
    },
  };
}

export type Admission = ReturnType<typeof createAdmission>;
