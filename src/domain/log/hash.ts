import { createHash } from 'node:crypto';

/** RFC 6962 §2.1: a leaf is hashed behind 0x00 and a node behind 0x01, so no leaf can pass for a node. */
export function leafHash(entry: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The hash of the empty tree (RFC 6962: SHA-256 of nothing). */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);
