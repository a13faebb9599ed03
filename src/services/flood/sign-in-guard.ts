import type { AddressKeys } from './address-keys.ts';
import { WindowLimiter, type Allowance } from './window-limiter.ts';
import { QUEUE_FULL, WorkQueue } from './work-queue.ts';

export interface SignInLimits {
  /** Wrong passwords per source (address key) and account, per window: then that source is locked out of that account. */
  failuresPerAccount: number;
  /** Wrong passwords per source and window, whatever the accounts (guessing across many): then 429. */
  failuresPerSource: number;
  windowMs: number;
  /** Argon2 checks at once, and waiting. */
  concurrency: number;
  maxWaiting: number;
}

const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  failuresPerAccount: 5,
  failuresPerSource: 50,
  windowMs: 15 * 60 * 1000,
  concurrency: 2,
  maxWaiting: 16,
};

/** A guess reserved for a source and an account: given back if the password was right. */
export interface Reservation {
  source: string;
  account: string;
  /** This guess was the source's last for the account in its window. */
  last: boolean;
}

/** Why a guess was not reserved: the source used its guesses for this account, or for all. */
export type Refusal = { ok: false; reason: 'account' | 'source' };

/**
 * Staff sign-in under a flood (docs/security.md, "Staff sign-in"). Guesses are counted per source —
 * the client address as a daily keyed HMAC, in memory, as the rate limits key it — and account,
 * before the account's own lock in the database is touched: a stranger who knows an e-mail address
 * locks only themselves out of it, and its owner, from anywhere else, still signs in. The account
 * lock stays as a ceiling over all sources and processes, and a source guessing across many
 * accounts is stopped too. Every argon2 check, the decoy ones included, goes through one small queue.
 */
export function createSignInGuard({
  addressKeys,
  limits = DEFAULT_SIGN_IN_LIMITS,
  now,
}: {
  addressKeys: AddressKeys;
  limits?: SignInLimits;
  now: () => number;
}) {
  const perAccount = new WindowLimiter({ limit: limits.failuresPerAccount, windowMs: limits.windowMs }, now);
  const perSource = new WindowLimiter({ limit: limits.failuresPerSource, windowMs: limits.windowMs }, now);
  const hashing = new WorkQueue(limits.concurrency, limits.maxWaiting);

  return {
    /** Reserves a guess at `email` for the source of a sign-in, or says why not. */
    reserve(address: string | undefined, email: string): ({ ok: true } & Reservation) | Refusal {
      const source = addressKeys.keyOf(address);
      const account = `${source} ${email}`;
      const mine: Allowance = perAccount.take(account);
      if (!mine.ok) return { ok: false, reason: 'account' };
      if (!perSource.take(source).ok) {
        perAccount.giveBack(account);
        return { ok: false, reason: 'source' };
      }
      return { ok: true, source, account, last: mine.remaining === 0 };
    },

    /** A right password gives its guess back. */
    giveBack(reservation: Reservation): void {
      perAccount.giveBack(reservation.account);
      perSource.giveBack(reservation.source);
    },

    /** Runs an argon2 check in the bounded queue; QUEUE_FULL if it would wait behind too many. */
    hash: <T>(task: () => Promise<T>) => hashing.run(task),
    /** The most argon2 checks that ran at once. */
    peakHashing: () => hashing.peak,
  };
}

export type SignInGuard = ReturnType<typeof createSignInGuard>;
export { QUEUE_FULL };
