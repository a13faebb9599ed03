import assert from 'node:assert/strict';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { test } from 'node:test';
import { commitment, encodeEntry, type LogEntry, type PublicRecord } from './entry.ts';
import { EntryWriter } from './entry-writer.ts';
import { HASH_BYTES, leafHash, nodeHash } from './hash.ts';
import { encodeBundle, subtreeHash } from './tiles.ts';

const ADMISSIONS = ['public', 'volunteer', 'trusted', 'imported'] as const;
const sha256 = (...parts: Uint8Array[]) => parts.reduce((h, part) => h.update(part), createHash('sha256')).digest();

function randomRecord(): PublicRecord {
  return {
    registrationNumber: String(randomInt(1e14, 2 ** 48 - 1)) + (randomInt(2) ? '' : '7'),
    headcount: randomInt(1, 2 ** 31),
    organisations: randomInt(8),
    day: new Date(Date.UTC(2020 + randomInt(8), randomInt(12), 1 + randomInt(28))).toISOString().slice(0, 10),
    admission: ADMISSIONS[randomInt(ADMISSIONS.length)]!,
  };
}

test('the entry writer writes the bytes, commitments and leaf hashes that the definitions give', () => {
  const count = 2000;
  const salts = randomBytes(32 * count);
  const writer = new EntryWriter(count);
  const expected: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const roll = randomInt(10);
    if (roll < 8) {
      const record = randomRecord();
      writer.declared(record, salts, 32 * i);
      const salt = salts.subarray(32 * i, 32 * (i + 1));
      expected.push(encodeEntry({ kind: 'declared', ...record, commitment: commitment(salt, record) }));
    } else {
      const entry: LogEntry =
        roll === 8
          ? { kind: 'withdrawn', leafIndex: randomInt(2 ** 40), reason: 'duplicate' }
          : { kind: 'carried', day: '2024-02-29', people: randomInt(2 ** 40), source: 'legacy' };
      writer.other(entry);
      expected.push(encodeEntry(entry));
    }
  }
  assert.equal(writer.count, count);
  assert.deepEqual(writer.bundleOf(0, count), encodeBundle(expected));
  assert.deepEqual(writer.bundleOf(700, 956), encodeBundle(expected.slice(700, 956)));
  for (const [i, entry] of expected.entries()) {
    assert.deepEqual(writer.leafHashes.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES), sha256(Buffer.from([0]), entry));
  }
});

test('the one-shot hashes equal RFC 6962 by definition, and a tile root its recursion', () => {
  const left = randomBytes(32);
  const right = randomBytes(32);
  assert.deepEqual(nodeHash(left, right), sha256(Buffer.from([1]), left, right));
  assert.deepEqual(nodeHash(left, Buffer.from('short')), sha256(Buffer.from([1]), left, Buffer.from('short')));
  assert.deepEqual(leafHash(Buffer.alloc(0)), sha256(Buffer.from([0])));
  const hashes = randomBytes(256 * HASH_BYTES);
  const recursive = (from: number, n: number): Buffer =>
    n === 1
      ? Buffer.from(hashes.subarray(from * HASH_BYTES, (from + 1) * HASH_BYTES))
      : sha256(Buffer.from([1]), recursive(from, n / 2), recursive(from + n / 2, n / 2));
  for (const [from, n] of [
    [0, 256],
    [128, 128],
    [6, 2],
    [9, 1],
    [32, 32],
  ] as const)
    assert.deepEqual(subtreeHash(hashes, from, n), recursive(from, n), `${n} from ${from}`);
});
