import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leafHash } from '../../domain/log/hash.ts';
import { appendTiles, hashesFromTiles, TILE_WIDTH } from '../../domain/log/tiles.ts';
import { consistencyProof, inclusionProof } from '../../domain/log/tree.ts';
import type { StoredTile } from '../../repositories/log/log-repository.ts';
import { ProofReader } from './proof-reader.ts';

/** A log grown batch by batch, its tiles as the repository stores them (a partial edge is replaced by a wider one). */
function grownLog(batches: number[]) {
  const tiles = new Map<string, Buffer>();
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
    for (const write of appendTiles(size, leaves, edge)) tiles.set(`${write.level}/${write.index}`, Buffer.from(write.hashes));
    size += count;
    sizes.push(size);
  }
  const queries: number[] = [];
  const load = async (keys: { level: number; index: number }[]): Promise<StoredTile[]> => {
    queries.push(keys.length);
    return keys.flatMap(({ level, index }) => {
      const data = tiles.get(`${level}/${index}`);
      return data ? [{ level, index, width: data.length / 32, data: Buffer.from(data) }] : [];
    });
  };
  const read = (level: number, index: number, width: number) => tiles.get(`${level}/${index}`)!.subarray(0, width * 32);
  return { sizes, load, queries, stored: (at: number) => hashesFromTiles(at, read) };
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

  it('refuses a log that lacks a tile the proof needs', async () => {
    const reader = new ProofReader(async () => []);
    await assert.rejects(
      reader.run(600, (stored) => inclusionProof(stored, 3, 600)),
      /missing from the log/,
    );
  });
});
