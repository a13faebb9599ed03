import { createHmac, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Database } from '../../db/schema.ts';
import { maxCounterFor } from '../../domain/flood/difficulty.ts';
import type { SpentChallengesRepository } from '../../repositories/spent-challenges-repository.ts';

/** How long a challenge may take to come back: the time to fill the form in, generously. */
const CHALLENGE_TTL_MS = 2 * 60 * 60 * 1000;
const ALGORITHM = 'SHA-256';
// Spent challenges are purged at most this often: one DELETE for many submissions.
const PURGE_EVERY_MS = 60 * 1000;

/** A challenge as pages and API clients get it: altcha's, signed, its expiry inside what is signed. */
export type IssuedChallenge = Challenge;

export interface ProofOfWorkDeps {
  db: Kysely<Database>;
  spent: SpentChallengesRepository;
  /** The key every server signs challenges with, so any of them can check any challenge. */
  signingKey: Buffer;
  now: () => number;
  /** The difficulty for a load (submissions in the last minute); tests that solve thousands ask for less. */
  difficulty?: (submissionsLastMinute: number) => number;
}

/**
 * Proof of work with altcha-lib (docs/security.md, "Flooding"). A challenge is a nonce and a salt,
 * and a SHA-256 key derived from them and a counter the server drew at random; the solver (a web
 * worker, public/declare/pow-files.ts) tries counters until it finds the key. Challenges are signed
 * (HMAC), so the server keeps nothing per challenge it issues; each is spent once, in the database
 * so that every process sees it (a replay, on any server, proves nothing). The expiry is signed in
 * the challenge's data and checked against the injected clock here, not by altcha.
 *
 * Difficulty follows the submissions admitted in the last minute (in this process, either class): see
 * domain/flood/difficulty.ts; it falls back as they do.
 */
export function createProofOfWork({ db, spent, signingKey, now, difficulty = maxCounterFor }: ProofOfWorkDeps) {
  const secret = createHmac('sha256', signingKey).update('proof of work challenges').digest('hex');
  // Submissions proven per second over the last minute, in a ring of 60 buckets.
  const buckets = new Array<number>(60).fill(0);
  let bucketSecond = Math.floor(now() / 1000);
  let lastPurge = 0;

  function advance(): void {
    const second = Math.floor(now() / 1000);
    const steps = Math.min(60, second - bucketSecond);
    for (let i = 1; i <= steps; i++) buckets[(bucketSecond + i) % 60] = 0;
    if (second > bucketSecond) bucketSecond = second;
  }

  function lastMinute(): number {
    advance();
    return buckets.reduce((sum, n) => sum + n, 0);
  }

  function parse(payload: string): { challenge: Challenge; solution: Solution } | null {
    try {
      const value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as unknown;
      if (typeof value !== 'object' || value === null) return null;
      const { challenge, solution } = value as { challenge?: Challenge; solution?: Solution };
      if (typeof challenge?.parameters?.nonce !== 'string' || typeof solution !== 'object' || solution === null) return null;
      return { challenge, solution };
    } catch {
      return null;
    }
  }

  async function purge(at: number): Promise<void> {
    if (at - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = at;
    await spent.purgeExpired(db, new Date(at));
  }

  return {
    /** A fresh challenge, as hard as the current load asks. */
    async issue(): Promise<IssuedChallenge> {
      const maxCounter = difficulty(lastMinute());
      return createChallenge({
        algorithm: ALGORITHM,
        cost: 1,
        counter: randomInt(0, maxCounter),
        deriveKey,
        data: { exp: Math.floor((now() + CHALLENGE_TTL_MS) / 1000), max: maxCounter },
        hmacSignatureSecret: secret,
      });
    },

    /** The difficulty challenges are issued with now (the solver's average work is half of it). */
    currentMaxCounter: () => difficulty(lastMinute()),

    /**
     * Whether a payload (base64 JSON of the challenge and its solution, as the worker or an API
     * client sends it) proves the work, spending its challenge. False for anything malformed,
     * tampered with, expired, unsolved or already spent.
     */
    async redeem(payload: string | undefined): Promise<boolean> {
      if (!payload || payload.length > 4096) return false;
      const parsed = parse(payload);
      if (!parsed) return false;
      const expires = Number(parsed.challenge.parameters.data?.exp);
      const at = now();
      if (!Number.isFinite(expires) || expires * 1000 < at) return false;
      if (parsed.challenge.parameters.algorithm !== ALGORITHM || parsed.challenge.parameters.cost !== 1) return false;
      const result = await verifySolution({ ...parsed, deriveKey, hmacSignatureSecret: secret }).catch(() => null);
      if (!result?.verified) return false;
      await purge(at);
      return spent.spend(db, parsed.challenge.parameters.nonce, new Date(expires * 1000));
    },

    /** One more submission admitted, in either class: the load difficulty follows. */
    noteSubmission(): void {
      advance();
      buckets[bucketSecond % 60]!++;
    },
  };
}

export type ProofOfWork = ReturnType<typeof createProofOfWork>;
