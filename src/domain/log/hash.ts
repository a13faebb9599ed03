import { createHash, hash } from 'node:crypto';

/**
 * Hashing goes through node's one-shot `hash` over a reused input buffer: a log of 34 million leaves
 * hashes each entry twice and each node once, and a Hash object per call (with its native half) was a
 * fifth of a first build's time and much of its garbage (docs/performance.md).
 */
const SCRATCH_BYTES = 1 + 65_535;
const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);

/** SHA-256 of `prefix ‖ bytes[from, to)`, through the shared input buffer. */
function prefixedHash(prefix: number, bytes: Uint8Array, from = 0, to = bytes.length): Buffer {
  scratch[0] = prefix;
  scratch.set(from === 0 && to === bytes.length ? bytes : bytes.subarray(from, to), 1);
  return hash('sha256', scratch.subarray(0, 1 + to - from), 'buffer');
}

/** RFC 6962 §2.1: a leaf is hashed behind 0x00 and a node behind 0x01, so no leaf can pass for a node. */
export function leafHash(entry: Uint8Array): Buffer {
  if (entry.length >= SCRATCH_BYTES) return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
  return prefixedHash(0, entry);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES)
    return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
  scratch[0] = 1;
  scratch.set(left, 1);
  scratch.set(right, 1 + HASH_BYTES);
  return hash('sha256', scratch.subarray(0, 1 + 2 * HASH_BYTES), 'buffer');
}

/** The node over two hashes lying side by side in `hashes` from `offset` (a tile's, or a level being reduced). */
export function nodeHashOfPair(hashes: Uint8Array, offset: number): Buffer {
  return prefixedHash(1, hashes, offset, offset + 2 * HASH_BYTES);
}

/** The hash of the empty tree (RFC 6962: SHA-256 of nothing). */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);
