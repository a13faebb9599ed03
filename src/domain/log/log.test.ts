import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openCheckpoint, signCheckpoint } from './checkpoint.ts';
import { commitment, decodeEntry, encodeEntry, type LogEntry } from './entry.ts';
import { EMPTY_ROOT, leafHash, nodeHash } from './hash.ts';
import { parseVerifierKey, signerFromSeed, verifierKey } from './note.ts';
import { appendTiles, decodeBundle, encodeBundle, hashesFromTiles, parseTilePath, tilePath, TILE_WIDTH, tilesOf } from './tiles.ts';
import { consistencyProof, inclusionProof, treeHash, type StoredHash } from './tree.ts';
import { verifyConsistency, verifyInclusion } from './verify.ts';

/** RFC 6962 MTH, straight from its definition, as the reference. */
function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const memory =
  (leaves: readonly Buffer[]): StoredHash =>
  (level, index) =>
    mth(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level));

/** A small deterministic generator, so a failure can be run again. */
function random(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    s = (s ^ (s >>> 12)) >>> 0;
    return s % n;
  };
}

const hex = (b: Buffer) => b.toString('hex');
const h = (text: string) => Buffer.from(text, 'hex');

// The inputs and roots of RFC 6962's reference tests (certificate-transparency, merkle_tree_test).
const VECTOR_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(h);
const VECTOR_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('RFC 6962 test vectors', () => {
  const leaves = VECTOR_LEAVES.map(leafHash);
  it('hashes the empty tree and every prefix of the reference leaves to the reference roots', () => {
    assert.equal(hex(EMPTY_ROOT), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (let n = 1; n <= 8; n++) assert.equal(hex(treeHash(memory(leaves), n)), VECTOR_ROOTS[n - 1], `size ${n}`);
  });
  it('gives the reference inclusion proof of leaf 0 in the tree of 8', () => {
    assert.deepEqual(inclusionProof(memory(leaves), 0, 8).map(hex), [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
  });
});

describe('proofs on random trees', () => {
  it('every inclusion and consistency proof of every tree up to 70 leaves verifies, and a tampered one fails', () => {
    const next = random(6962);
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from(`leaf ${i} ${next(1e9)}`)));
    const stored = memory(leaves);
    for (let size = 1; size <= leaves.length; size++) {
      const root = mth(leaves.slice(0, size));
      assert.deepEqual(treeHash(stored, size), root);
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(stored, index, size);
        assert.ok(verifyInclusion(leaves[index]!, index, size, proof, root), `inclusion ${index}/${size}`);
        assert.ok(!verifyInclusion(leafHash(Buffer.from('tampered')), index, size, proof, root));
        assert.ok(!verifyInclusion(leaves[index]!, index, size, proof, leafHash(Buffer.from('fork'))));
      }
      for (let from = 0; from <= size; from++) {
        const proof = consistencyProof(stored, from, size);
        const fromRoot = mth(leaves.slice(0, from));
        assert.ok(verifyConsistency(from, size, fromRoot, root, proof), `consistency ${from}→${size}`);
        if (from > 0 && from < size) {
          assert.ok(!verifyConsistency(from, size, leafHash(Buffer.from('fork')), root, proof), `forked ${from}→${size}`);
          assert.ok(!verifyConsistency(from, size, fromRoot, leafHash(Buffer.from('fork')), proof));
        }
      }
    }
  });

  it('builds tiles batch by batch that give the same roots and proofs as the tree, and a flipped byte in a tile fails', () => {
    const next = random(24);
    const tiles = new Map<string, Buffer>();
    const leaves: Buffer[] = [];
    const edge = (size: number) => (level: number) => {
      const width = Math.floor(size / TILE_WIDTH ** level) % TILE_WIDTH;
      return width === 0
        ? Buffer.alloc(0)
        : tiles.get(`${level}/${Math.floor(size / TILE_WIDTH ** level / TILE_WIDTH)}`)!.subarray(0, width * 32);
    };
    const read = (level: number, index: number, width: number) => {
      const tile = tiles.get(`${level}/${index}`);
      if (!tile || tile.length < width * 32) throw new Error(`no tile ${level}/${index}.p/${width}`);
      return tile.subarray(0, width * 32);
    };
    while (leaves.length < 70_000) {
      const batch = Array.from({ length: 1 + next(leaves.length < 1000 ? 300 : 20_000) }, () => leafHash(Buffer.from(String(next(1e9)))));
      for (const write of appendTiles(leaves.length, batch, edge(leaves.length))) tiles.set(`${write.level}/${write.index}`, write.hashes);
      leaves.push(...batch);
      const size = leaves.length;
      const stored = hashesFromTiles(size, read);
      const root = treeHash(stored, size);
      for (let i = 0; i < 5; i++) {
        const index = next(size);
        assert.ok(verifyInclusion(leaves[index]!, index, size, inclusionProof(stored, index, size), root), `inclusion ${index}/${size}`);
        const from = next(size + 1);
        const older = treeHash(hashesFromTiles(from, read), from);
        assert.ok(verifyConsistency(from, size, older, root, consistencyProof(stored, from, size)), `consistency ${from}→${size}`);
      }
      assert.equal([...tilesOf(size)].filter((t) => t.level === 0).length, Math.ceil(size / TILE_WIDTH));
    }
    assert.deepEqual(treeHash(hashesFromTiles(leaves.length, read), leaves.length), mth(leaves));
    const size = leaves.length;
    const root = treeHash(hashesFromTiles(size, read), size);
    // The root of 70 000 leaves is read from the level-2 tile (one node of 65 536) and the edges below it.
    const top = tiles.get('2/0')!;
    top[7] = top[7]! ^ 1;
    assert.notDeepEqual(treeHash(hashesFromTiles(size, read), size), root);
  });
});

describe('tile paths', () => {
  it('writes and reads the paths of C2SP tlog-tiles', () => {
    assert.equal(tilePath({ level: 0, index: 1234067, width: 256 }), 'tile/0/x001/x234/067');
    assert.equal(tilePath({ level: 1, index: 5, width: 17 }), 'tile/1/005.p/17');
    assert.equal(tilePath({ level: 'entries', index: 1000, width: 256 }), 'tile/entries/x001/000');
    for (const path of ['tile/0/x001/x234/067', 'tile/1/005.p/17', 'tile/entries/x001/000', 'tile/entries/000.p/1'])
      assert.equal(tilePath(parseTilePath(path)!), path);
    for (const bad of [
      'tile/0/5',
      'tile/0/x000/005',
      'tile/0/005.p/0',
      'tile/0/005.p/256',
      'tile/0/005.p/017',
      'tile/x/005',
      'tile/0/005/',
    ])
      assert.equal(parseTilePath(bad), undefined, bad);
  });
});

describe('entries', () => {
  it('encodes each kind in one canonical way and reads it back', () => {
    const salt = Buffer.alloc(32, 9);
    const record = { registrationNumber: 'TD-1', headcount: 3, organisations: 5, day: '2026-12-07', admission: 'public' as const };
    const entries: LogEntry[] = [
      { kind: 'declared', headcount: 3, organisations: 5, day: '2026-12-07', admission: 'trusted', commitment: commitment(salt, record) },
      { kind: 'withdrawn', leafIndex: 2 ** 40 + 3, reason: 'duplicate' },
    ];
    for (const entry of entries)
      assert.deepEqual(decodeEntry(encodeEntry(entry)), {
        ...entry,
        ...('commitment' in entry ? { commitment: encodeEntry(entry).subarray(12) } : {}),
      });
    assert.equal(encodeEntry(entries[0]!).length, 44);
    assert.ok('error' in decodeEntry(Buffer.from([2, 1])));
    assert.ok('error' in decodeEntry(encodeEntry(entries[0]!).subarray(0, 43)));
    assert.notDeepEqual(commitment(salt, record), commitment(Buffer.alloc(32, 8), record));
    const bundle = encodeBundle(entries.map(encodeEntry));
    assert.deepEqual(decodeBundle(bundle), entries.map(encodeEntry));
    assert.ok('error' in decodeBundle(bundle.subarray(0, bundle.length - 1)));
  });
});

describe('signed checkpoints', () => {
  const signer = signerFromSeed('example.org/log', Buffer.alloc(32, 1));
  const checkpoint = { origin: 'example.org/log', size: 12, root: leafHash(Buffer.from('root')) };
  const note = signCheckpoint(checkpoint, signer);

  it('makes the key id and verifier key of the signed-note reference key', () => {
    const seed = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
    assert.equal(verifierKey(signerFromSeed('PeterNeumann', seed)), 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
  });

  it('opens a checkpoint under its key, and refuses a wrong key, a changed size or a forked root', () => {
    const verifier = parseVerifierKey(verifierKey(signer))!;
    assert.deepEqual(openCheckpoint(note, verifier), checkpoint);
    const stranger = parseVerifierKey(verifierKey(signerFromSeed('example.org/log', Buffer.alloc(32, 2))))!;
    assert.ok('error' in openCheckpoint(note, stranger));
    assert.ok('error' in openCheckpoint(note.replace('\n12\n', '\n13\n'), verifier));
    const forked = signCheckpoint(
      { ...checkpoint, root: leafHash(Buffer.from('fork')) },
      signerFromSeed('example.org/log', Buffer.alloc(32, 2)),
    );
    assert.ok('error' in openCheckpoint(forked, verifier));
    assert.equal(parseVerifierKey(verifierKey(signer).replace(/\+[0-9a-f]{8}\+/, '+00000000+')), undefined);
  });

  it('signs with two keys during a rotation: each opens it, a third does not, and the old line comes first', () => {
    const next = signerFromSeed('example.org/log', Buffer.alloc(32, 3));
    const both = signCheckpoint(checkpoint, signer, next);
    assert.ok(both.startsWith(note), 'the old key signs first, as before');
    for (const key of [signer, next]) assert.deepEqual(openCheckpoint(both, parseVerifierKey(verifierKey(key))!), checkpoint);
    const stranger = parseVerifierKey(verifierKey(signerFromSeed('example.org/log', Buffer.alloc(32, 2))))!;
    assert.ok('error' in openCheckpoint(both, stranger));
    assert.throws(() => signCheckpoint(checkpoint, signer, signerFromSeed('other.org/log', Buffer.alloc(32, 3))), /origin/);
  });
});
