import { HASH_BYTES, nodeHashOfPair } from './hash.ts';
import type { StoredHash } from './tree.ts';

/**
 * C2SP tlog-tiles with tiles of height 8: the level-L tile N holds the hashes of the nodes at tree
 * level 8L numbered N×256 to N×256+W−1. A tile is full at 256 hashes and then never changes; only the
 * right edge of each level is partial (`.p/<W>`).
 */
const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

export interface TileId {
  /** A hash tile's level, or 'entries' for a bundle of entries. */
  level: number | 'entries';
  index: number;
  /** 1 to 256; 256 is a full tile. */
  width: number;
}

/** The zero-padded groups of three digits, all but the last behind an x: 1234067 → x001/x234/067. */
function indexPath(index: number): string {
  const groups: string[] = [];
  let n = index;
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  return groups.map((group, i) => (i < groups.length - 1 ? `x${group}` : group)).join('/');
}

/** The tile's path under the log's prefix, without a leading slash: tile/0/x001/234.p/17. */
export function tilePath(tile: TileId): string {
  const partial = tile.width < TILE_WIDTH ? `.p/${tile.width}` : '';
  return `tile/${tile.level}/${indexPath(tile.index)}${partial}`;
}

/** The tile a path names, or undefined for anything that is not exactly a tile path as tilePath writes it. */
export function parseTilePath(path: string): TileId | undefined {
  const match = /^tile\/(entries|\d{1,2})\/((?:x\d{3}\/)*)(\d{3})(?:\.p\/(\d{1,3}))?$/.exec(path);
  if (!match) return undefined;
  const level = match[1] === 'entries' ? 'entries' : Number(match[1]);
  const groups = [
    ...(match[2] ?? '')
      .split('/')
      .filter(Boolean)
      .map((g) => g.slice(1)),
    match[3]!,
  ];
  if (groups.length > 1 && groups[0] === '000') return undefined;
  const index = Number(groups.join(''));
  const width = match[4] === undefined ? TILE_WIDTH : Number(match[4]);
  if (!Number.isSafeInteger(index) || width < 1 || width >= TILE_WIDTH + (match[4] === undefined ? 1 : 0)) return undefined;
  if (match[4] !== undefined && String(width) !== match[4]) return undefined;
  const tile: TileId = { level, index, width };
  return tilePath(tile) === path ? tile : undefined;
}

/** How many nodes of tree level 8L a tree of `size` leaves has complete. */
export function levelWidth(size: number, level: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/** Every tile of a tree of `size` leaves, level by level, the partial right edges included. */
export function* tilesOf(size: number): Generator<TileId> {
  for (let level = 0; levelWidth(size, level) > 0; level++) yield* levelTiles(size, level);
}

/** The tiles of one level (or of the entries, which are as many as the leaves). */
function* levelTiles(size: number, level: number | 'entries'): Generator<TileId> {
  const nodes = level === 'entries' ? size : levelWidth(size, level);
  for (let index = 0; index * TILE_WIDTH < nodes; index++) {
    yield { level, index, width: Math.min(TILE_WIDTH, nodes - index * TILE_WIDTH) };
  }
}

/**
 * The root of a complete subtree from its 2^k leaf-level hashes laid end to end: each level's nodes
 * are hashed from adjacent pairs into one work buffer, which the next level reduces in place.
 */
export function subtreeHash(hashes: Uint8Array, from: number, count: number): Buffer {
  if (count === 1) return Buffer.from(hashes.subarray(from * HASH_BYTES, (from + 1) * HASH_BYTES));
  const work = Buffer.allocUnsafe((count / 2) * HASH_BYTES);
  for (let i = 0; i < count / 2; i++) work.set(nodeHashOfPair(hashes, (from + 2 * i) * HASH_BYTES), i * HASH_BYTES);
  // Node i is written after pair 2i, 2i+1 is read, and every later read lies beyond it.
  for (let width = count / 2; width > 1; width /= 2) {
    for (let i = 0; i < width / 2; i++) work.set(nodeHashOfPair(work, 2 * i * HASH_BYTES), i * HASH_BYTES);
  }
  return work.subarray(0, HASH_BYTES);
}

/**
 * A full hash tile's inner nodes four levels up: the 16 roots of its runs of 16 hashes, 512 bytes,
 * stored beside the tile where the log is built (docs/transparency.md, "Tiles"). A proof of a leaf
 * never read before otherwise hashes its whole tile, 247 of the 255 nodes above its 256 leaves; with
 * them it hashes 22 (15 inside its run of 16, 7 above the 16 roots).
 */
const NODE_SPAN = 16;
const TILE_NODES = TILE_WIDTH / NODE_SPAN;

/** The 16 roots of a full tile's runs of 16 hashes, end to end. */
export function tileNodes(hashes: Uint8Array): Buffer {
  if (hashes.length !== TILE_WIDTH * HASH_BYTES)
    throw new RangeError(`a full tile has ${TILE_WIDTH * HASH_BYTES} bytes, not ${hashes.length}`);
  const out = Buffer.allocUnsafe(TILE_NODES * HASH_BYTES);
  for (let i = 0; i < TILE_NODES; i++) out.set(subtreeHash(hashes, i * NODE_SPAN, NODE_SPAN), i * HASH_BYTES);
  return out;
}

/**
 * The root of the run of `span` hashes from `first` in a tile (a power of two, aligned to itself, as
 * every complete node is): from the tile's inner nodes when the run covers whole runs of 16 and the
 * nodes are at hand, otherwise from the tile's hashes. Both give the same bytes; the nodes, fewer hashes.
 */
export function hashInTile(hashes: Uint8Array, nodes: Uint8Array | undefined, first: number, span: number): Buffer {
  if (nodes && span >= NODE_SPAN) return subtreeHash(nodes, first / NODE_SPAN, span / NODE_SPAN);
  return subtreeHash(hashes, first, span);
}

/** Reads a hash tile of the given width (its bytes, 32 per hash); throws when it cannot. */
export type TileReader = (level: number, index: number, width: number) => Uint8Array;

/**
 * Stored hashes of a tree of `size` leaves, read from its tiles: a node at level 8L+s is hashed up from
 * 2^s hashes of a level-L tile. Tiles are asked for at the width the tree of `size` has them.
 */
export function hashesFromTiles(size: number, read: TileReader): StoredHash {
  return (level, index) => {
    const { tileLevel, tileIndex, width, first, span } = nodeTile(size, level, index);
    const tile = read(tileLevel, tileIndex, width);
    if (tile.length !== width * HASH_BYTES)
      throw new RangeError(`tile ${tileLevel}/${tileIndex} has ${tile.length} bytes, not ${width * HASH_BYTES}`);
    return subtreeHash(tile, first - tileIndex * TILE_WIDTH, span);
  };
}

/**
 * Where the hash of node `index` at tree `level` comes from in a tree of `size` leaves: the tile
 * (at the width that tree has it) and the run of `span` hashes in it from `first`, counted from the
 * level's start. Proof readers use it to fetch every tile a proof needs at once.
 */
export function nodeTile(size: number, level: number, index: number) {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const span = 2 ** (level - tileLevel * TILE_HEIGHT);
  const first = index * span;
  const tileIndex = Math.floor(first / TILE_WIDTH);
  const width = Math.min(TILE_WIDTH, levelWidth(size, tileLevel) - tileIndex * TILE_WIDTH);
  if (first + span > levelWidth(size, tileLevel)) throw new RangeError(`node ${level}/${index} is not complete in a tree of ${size}`);
  return { tileLevel, tileIndex, width, first, span };
}

/** A bundle of entries: each behind its length as a big-endian 16-bit number. */
export function encodeBundle(entries: readonly Uint8Array[]): Buffer {
  let bytes = 0;
  for (const entry of entries) {
    if (entry.length > 0xffff) throw new RangeError('an entry is at most 65535 bytes');
    bytes += 2 + entry.length;
  }
  const out = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (const entry of entries) {
    at = out.writeUInt16BE(entry.length, at);
    out.set(entry, at);
    at += entry.length;
  }
  return out;
}

export function decodeBundle(bytes: Uint8Array): Buffer[] | { error: string } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Buffer[] = [];
  let at = 0;
  while (at < b.length) {
    if (at + 2 > b.length) return { error: 'entry bundle ends inside a length' };
    const length = b.readUInt16BE(at);
    if (at + 2 + length > b.length) return { error: 'entry bundle ends inside an entry' };
    out.push(b.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return out;
}

/** The edge of a level that an append starts from: the hashes of its partial tile (fewer than 256). */
export interface TileWrite {
  level: number;
  index: number;
  hashes: Buffer;
  /** A full tile's inner nodes (tileNodes), from which its root was hashed: stored beside it for proofs. */
  nodes?: Buffer;
}

/**
 * The hash tiles that appending `leafHashes` to a tree of `size` leaves writes: the partial edge of
 * each level grows and every tile that fills passes its root up a level. `edge(level)` gives the
 * current partial tile of a level (empty when the level's width is a multiple of 256).
 */
export function appendTiles(
  size: number,
  leafHashes: readonly Uint8Array[] | Uint8Array,
  edge: (level: number) => Uint8Array,
): TileWrite[] {
  const writes: TileWrite[] = [];
  // One buffer of hashes per level: the leaves' (given end to end, or gathered once), then each full tile's root.
  let incoming: Uint8Array = leafHashes instanceof Uint8Array ? leafHashes : Buffer.concat(leafHashes);
  for (let level = 0; incoming.length > 0; level++) {
    const before = levelWidth(size, level);
    const startIndex = Math.floor(before / TILE_WIDTH);
    const kept = edge(level);
    if (kept.length !== (before % TILE_WIDTH) * HASH_BYTES) throw new RangeError(`the edge of level ${level} has ${kept.length} bytes`);
    const all =
      kept.length === 0 ? Buffer.from(incoming.buffer, incoming.byteOffset, incoming.byteLength) : Buffer.concat([kept, incoming]);
    const count = all.length / HASH_BYTES;
    const up = Buffer.allocUnsafe(Math.floor(count / TILE_WIDTH) * HASH_BYTES);
    for (let t = 0; t * TILE_WIDTH < count; t++) {
      const hashes = all.subarray(t * TILE_WIDTH * HASH_BYTES, Math.min(count, (t + 1) * TILE_WIDTH) * HASH_BYTES);
      if (hashes.length < TILE_WIDTH * HASH_BYTES) writes.push({ level, index: startIndex + t, hashes });
      else {
        // The root through the inner nodes: the same 255 hashes as from the leaves, and the nodes kept.
        const nodes = tileNodes(hashes);
        writes.push({ level, index: startIndex + t, hashes, nodes });
        up.set(subtreeHash(nodes, 0, TILE_NODES), t * HASH_BYTES);
      }
    }
    incoming = up;
  }
  return writes;
}
