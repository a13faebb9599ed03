import { HASH_BYTES } from '../../domain/log/hash.ts';
import { hashInTile, nodeTile, TILE_WIDTH } from '../../domain/log/tiles.ts';
import type { StoredHash } from '../../domain/log/tree.ts';
import type { ProofTile } from '../../repositories/log/tile-nodes.ts';

/** Leaf tiles kept between proofs, the latest read (8 KB each, with their nodes). */
const TILE_CAPACITY = 256;
/**
 * Tiles of level 1 and above kept apart, so leaf tiles never push them out: a proof of an unseen leaf
 * reads its level-1 tile for the sibling of its own tile's root. 1,024 of them (8 MB) hold every upper
 * tile of a log of 67 million leaves; at 34 million there are 516.
 */
const UPPER_TILE_CAPACITY = 1_024;
/** Hashes of complete nodes at level 8 and above kept between proofs (32 bytes each, and the key). */
const NODE_CAPACITY = 16_384;
/**
 * Nodes below this level are hashed up from a leaf tile, through its stored inner nodes when it has them
 * (22 hashes for an unseen leaf rather than 247): a proof of an unseen leaf needs its own, so they are not
 * kept, but for those of the tree's partial right edge, which every proof against its size reads.
 */
const KEPT_NODE_LEVEL = 8;
const PLACEHOLDER = Buffer.alloc(HASH_BYTES);

/** A map that forgets its least recently used entry beyond `capacity`. */
class Lru<V> {
  readonly #entries = new Map<string, V>();
  constructor(readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as string);
  }
}

/**
 * Runs proofs (domain/log/tree.ts) over the stored tiles for the public reads, a permalink's among
 * them, at a bounded cost whatever the log's size. withTiles (tile-cache.ts) loads one tile per
 * attempt and starts the proof again each time, a dozen queries and reruns for one proof, and
 * forgets everything after it; here a first pass only notes which nodes the proof asks for (no
 * hashing), every tile it still lacks comes in one query, and the proof then runs once.
 *
 * What is kept between proofs never changes: the hash of a complete node, and a tile's first
 * `width` hashes (a partial edge only ever grows wider) with a full tile's inner nodes. So nothing kept
 * can be stale, whichever checkpoint a proof is against, and the upper levels cost nothing after the
 * first proofs. A tile without stored nodes (a log built before migration 0033, not yet indexed) is
 * hashed whole: the same bytes, at today's cost.
 */
export class ProofReader {
  readonly #load: (keys: { level: number; index: number }[]) => Promise<ProofTile[]>;
  readonly #tiles = new Lru<ProofTile>(TILE_CAPACITY);
  readonly #upperTiles = new Lru<ProofTile>(UPPER_TILE_CAPACITY);
  readonly #nodes = new Lru<Buffer>(NODE_CAPACITY);

  constructor(load: (keys: { level: number; index: number }[]) => Promise<ProofTile[]>) {
    this.#load = load;
  }

  async run<T>(size: number, proof: (stored: StoredHash) => T): Promise<T> {
    // The first pass notes what the proof reads, answered with placeholders, and takes what is kept of it
    // for this run alone: proofs running meanwhile may push it out of the shared caches.
    const nodes = new Map<string, Buffer>();
    const tiles = new Map<string, ProofTile>();
    const wanted = new Map<string, { level: number; index: number; width: number }>();
    proof((level, index) => {
      const node = `${level}/${index}`;
      const kept = this.#nodes.get(node);
      if (kept) nodes.set(node, kept);
      else {
        const { tileLevel, tileIndex, width } = nodeTile(size, level, index);
        const key = `${tileLevel}/${tileIndex}`;
        const tile = tiles.get(key) ?? (tileLevel === 0 ? this.#tiles : this.#upperTiles).get(key);
        if (tile && tile.width >= width) tiles.set(key, tile);
        else wanted.set(key, { level: tileLevel, index: tileIndex, width });
      }
      return PLACEHOLDER;
    });
    for (const tile of wanted.size === 0 ? [] : await this.#load([...wanted.values()])) {
      tiles.set(`${tile.level}/${tile.index}`, tile);
      (tile.level === 0 ? this.#tiles : this.#upperTiles).set(`${tile.level}/${tile.index}`, tile);
    }
    for (const [key, need] of wanted) {
      const tile = tiles.get(key);
      if (!tile) throw new Error(`tile ${key} is missing from the log`);
      if (tile.width < need.width) throw new Error(`tile ${key} is ${tile.width} wide, not ${need.width}`);
    }
    return proof((level, index) => {
      const node = `${level}/${index}`;
      const kept = nodes.get(node);
      if (kept) return kept;
      const { tileLevel, tileIndex, width, first, span } = nodeTile(size, level, index);
      const tile = tiles.get(`${tileLevel}/${tileIndex}`)!;
      const hash = hashInTile(tile.data.subarray(0, width * HASH_BYTES), tile.nodes, first - tileIndex * TILE_WIDTH, span);
      // Kept: the upper levels, and the complete nodes of the tree's partial edge tiles, which every proof against this size reads.
      if (level >= KEPT_NODE_LEVEL || (span > 1 && width < TILE_WIDTH)) {
        // A copy in its own 32 bytes: a view of a tile, or a slice of Buffer's shared pool, would keep 8-64 KB alive each.
        const own = Buffer.allocUnsafeSlow(HASH_BYTES);
        own.set(hash);
        nodes.set(node, own);
        this.#nodes.set(node, own);
      }
      return hash;
    });
  }
}
