/**
 * How much work a proof of work asks for, by load (docs/security.md, "Flooding"). The solver tries
 * counters from 0 until one gives the challenge's key, and the server drew that counter at random
 * below `maxCounter`: on average a browser hashes maxCounter / 2 times. Our worker's SHA-256 runs at
 * about 400,000 hashes a second in V8 (measured under load; a slow phone perhaps a tenth of it), so the
 * base costs an honest person well under a second while the form is being filled in; each doubling
 * of the load over QUIET doubles it, up to HARDEST (a few seconds on a phone, 1.6 million hashes on
 * average), and it falls back as the load does.
 */
export const EASIEST = 50_000;
const HARDEST = 3_200_000;
/** Submissions per minute, in one process, below which the base difficulty holds. */
export const QUIET_PER_MINUTE = 60;

export function maxCounterFor(submissionsLastMinute: number): number {
  if (submissionsLastMinute <= QUIET_PER_MINUTE) return EASIEST;
  const doublings = Math.ceil(Math.log2(submissionsLastMinute / QUIET_PER_MINUTE));
  return Math.min(HARDEST, EASIEST * 2 ** doublings);
}
