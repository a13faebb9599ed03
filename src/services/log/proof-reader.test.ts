import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leafHash } from '../../domain/log/hash.ts';
import { appendTiles, hashesFromTiles, TILE_WIDTH } from '../../domain/log/tiles.ts';
import { consistencyProof, inclusionProof } from '../../domain/log/tree.ts';
import type { ProofTile } from '../../repositories/log/tile-nodes.ts';
import { ProofReader } from './proof-reader.ts';

/**
 * A log grown batch by batch, its tiles as the repository stores them (a partial edge is replaced by a
 * wider one), each full tile with its inner nodes where `stored` says so (a log built before them has none).
 */
function grownLog(batches: number[], stored: (level: number, index: number) => boolean = () => false) {
  const tiles = new Map<string, Buffer>();
  const nodes = new Map<string, Buffer>();
  let size = 0;
  const sizes: number[] = [];
  for (const count of batches) {
    const edge = (level: number) => {
      const width = Math.floor(size / TILE_WIDTH ** level) % TILE_WIDTH;
      return width === 0
        ? Buffer.alloc(0)
        : tiles.get(`${level}/${Math.floor(size / TILE_WIDTH ** level / TILE_WIDTH)}`)!.subarray(0, width * 32);
    };
    const leaves = Array.from({ length: count }, (_, i) => leafHash(Buffer.from(`leaf ${size + i}`)));
    for (const write of appendTiles(size, leaves, edge)) {
      tiles.set(`${write.level}/${write.index}`, Buffer.from(write.hashes));
      if (write.nodes && stored(write.level, write.index)) nodes.set(`${write.level}/${write.index}`, Buffer.from(write.nodes));
    }
    size += count;
    sizes.push(size);
  }
  const queries: number[] = [];
  const load = async (keys: { level: number; index: number }[]): Promise<ProofTile[]> => {
    queries.push(keys.length);
    return keys.flatMap(({ level, index }) => {
      const data = tiles.get(`${level}/${index}`);
      const inner = nodes.get(`${level}/${index}`);
      return data
        ? [{ level, index, width: data.length / 32, data: Buffer.from(data), ...(inner ? { nodes: Buffer.from(inner) } : {}) }]
        : [];
    });
  };
  const read = (level: number, index: number, width: number) => tiles.get(`${level}/${index}`)!.subarray(0, width * 32);
  return { sizes, load, queries, nodes, stored: (at: number) => hashesFromTiles(at, read) };
}

describe('proofs for readers', () => {
  it('give the proofs the tiles give, in one query each, and read fewer tiles as the upper levels are kept', async () => {
    const log = grownLog([70_000, 3, 5_000, 1]);
    const reader = new ProofReader(log.load);
    for (const size of log.sizes) {
      for (const leaf of [0, 1, 255, 256, 65_535, 65_536, size - 1, Math.floor(size / 3)].filter((n) => n < size)) {
        const queries = log.queries.length;
        assert.deepEqual(
          await reader.run(size, (stored) => inclusionProof(stored, leaf, size)),
          inclusionProof(log.stored(size), leaf, size),
          `inclusion ${leaf}/${size}`,
        );
        assert.ok(log.queries.length - queries <= 1, 'at most one query per proof');
      }
      const from = Math.floor(size / 2);
      assert.deepEqual(
        await reader.run(size, (stored) => consistencyProof(stored, from, size)),
        consistencyProof(log.stored(size), from, size),
      );
    }
    const size = log.sizes.at(-1)!;
    await reader.run(size, (stored) => inclusionProof(stored, 40_000, size));
    const before = log.queries.length;
    await reader.run(size, (stored) => inclusionProof(stored, 40_300, size));
    assert.deepEqual(log.queries.slice(before), [1], 'another leaf tile: the only one read');
  });

  it("give the same bytes from the tiles' inner nodes as from the tiles alone, partial edges and older trees included", async () => {
    // Every other tile has its nodes: proofs cross tiles with and without them, as during a backfill.
    const batches = [300, 17, 4_000, 256, 61_000, 1, 255, 3_000];
    const plain = grownLog(batches);
    const indexed = grownLog(batches, (level, index) => (level + index) % 2 === 0);
    assert.ok(indexed.nodes.size > 100, 'nodes stored for many tiles');
    const reader = new ProofReader(indexed.load);
    let proofs = 0;
    for (const size of indexed.sizes) {
      const leaves = new Set([0, 15, 16, 255, 256, 4_095, 4_096, 65_535, 65_536, size - 1, size - 2, size - 17, size - 256, size - 257]);
      for (let leaf = 7; leaf < size; leaf += 1_999) leaves.add(leaf);
      for (const leaf of [...leaves].filter((n) => n >= 0 && n < size)) {
        // Against this tree and an older one, whose edge tiles are the prefixes of today's.
        for (const at of [size, Math.max(leaf + 1, size - 300)]) {
          assert.deepEqual(
            await reader.run(at, (stored) => inclusionProof(stored, leaf, at)),
            inclusionProof(plain.stored(at), leaf, at),
            `inclusion ${leaf}/${at}`,
          );
          proofs++;
        }
      }
      for (const from of [1, 255, 256, 257, Math.floor(size / 2), size - 1].filter((n) => n > 0 && n < size))
        assert.deepEqual(
          await reader.run(size, (stored) => consistencyProof(stored, from, size)),
          consistencyProof(plain.stored(size), from, size),
          `consistency ${from}/${size}`,
        );
    }
    assert.ok(proofs > 400, `${proofs} inclusion proofs compared`);
  });

  it('read the inner nodes when a tile has them', async () => {
    const log = grownLog([1_024], () => true);
    for (const nodes of log.nodes.values()) nodes[0]! ^= 1;
    const reader = new ProofReader(log.load);
    // Leaf 300's path takes node 0 of tile 0/1 (leaves 256…271) as its sibling's first half: a flipped node shows.
    assert.notDeepEqual(
      await reader.run(1_024, (stored) => inclusionProof(stored, 300, 1_024)),
      inclusionProof(log.stored(1_024), 300, 1_024),
    );
  });

  it('refuses a log that lacks a tile the proof needs', async () => {
    const reader = new ProofReader(async () => []);
    await assert.rejects(
      reader.run(600, (stored) => inclusionProof(stored, 3, 600)),
      /missing from the log/,
    );
  });
});
