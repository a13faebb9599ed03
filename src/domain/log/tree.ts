import { EMPTY_ROOT, nodeHash } from './hash.ts';

/**
 * The hash of the complete subtree of 2^level leaves that starts at leaf index × 2^level. Proofs and
 * roots are computed from these alone, so they can come from tiles (tiles.ts) or from memory alike.
 */
export type StoredHash = (level: number, index: number) => Buffer;

/** The largest power of two below n (n > 1), as RFC 6962 splits a tree. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Exact for every safe integer: log2 of a power of two is exact in binary floating point. */
export function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.floor(Math.log2(n)) === n;
}

/** MTH(D[start:end]) for a range that RFC 6962's recursion reaches: start is aligned to the largest power of two in its length. */
function rangeHash(stored: StoredHash, start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (isPowerOfTwo(n) && start % n === 0) return stored(Math.log2(n), start / n);
  const k = splitPoint(n);
  return nodeHash(rangeHash(stored, start, start + k), rangeHash(stored, start + k, end));
}

/** The root hash of the first `size` leaves. */
export function treeHash(stored: StoredHash, size: number): Buffer {
  return rangeHash(stored, 0, size);
}

/** RFC 6962 §2.1.1 PATH(m, D[start:end]), bottom first. */
function path(stored: StoredHash, m: number, start: number, end: number, out: Buffer[]): void {
  const n = end - start;
  if (n <= 1) return;
  const k = splitPoint(n);
  if (m < k) {
    path(stored, m, start, start + k, out);
    out.push(rangeHash(stored, start + k, end));
  } else {
    path(stored, m - k, start + k, end, out);
    out.push(rangeHash(stored, start, start + k));
  }
}

export function inclusionProof(stored: StoredHash, index: number, size: number): Buffer[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const out: Buffer[] = [];
  path(stored, index, 0, size, out);
  return out;
}

/** RFC 6962 §2.1.2 SUBPROOF(m, D[start:end], b). */
function subproof(stored: StoredHash, m: number, start: number, end: number, complete: boolean, out: Buffer[]): void {
  const n = end - start;
  if (m === n) {
    if (!complete) out.push(rangeHash(stored, start, end));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(stored, m, start, start + k, complete, out);
    out.push(rangeHash(stored, start + k, end));
  } else {
    subproof(stored, m - k, start + k, end, false, out);
    out.push(rangeHash(stored, start, start + k));
  }
}

/** The proof that the tree of `from` leaves is a prefix of the tree of `to`; empty when from is 0 or equals to. */
export function consistencyProof(stored: StoredHash, from: number, to: number): Buffer[] {
  if (!Number.isSafeInteger(from) || from < 0 || from > to) throw new RangeError(`no consistency proof from ${from} to ${to}`);
  const out: Buffer[] = [];
  if (from > 0 && from < to) subproof(stored, from, 0, to, true, out);
  return out;
}
