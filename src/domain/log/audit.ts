import { decodeEntry, ORGANISATION_BITS, ORGANISATIONS, type Organisation } from './entry.ts';
import { HASH_BYTES, leafHash } from './hash.ts';
import { decodeBundle, levelWidth, subtreeHash, TILE_WIDTH } from './tiles.ts';
import { treeHash } from './tree.ts';

export interface TileKey {
  level: number;
  index: number;
  width: number;
}

/**
 * The hash tiles that bundle `index` of a tree of `size` leaves completes, which LogAuditor checks
 * after reading it: its level-0 tile, and each tile above that its leaves fill or that ends the tree.
 * A reader can fetch them ahead, as they depend on nothing but the two numbers.
 */
export function tilesForBundle(size: number, index: number): TileKey[] {
  const start = index * TILE_WIDTH;
  const end = Math.min(size, start + TILE_WIDTH);
  const out: TileKey[] = [];
  for (let level = 0; levelWidth(end, level) > levelWidth(start, level); level++) {
    const done = levelWidth(end, level);
    if (done % TILE_WIDTH !== 0 && done !== levelWidth(size, level)) continue;
    const tile = Math.floor((done - 1) / TILE_WIDTH);
    out.push({ level, index: tile, width: done - tile * TILE_WIDTH });
  }
  return out;
}

/** What the log adds up to: people and statements counted, and people per organisation. */
export interface LogTotals {
  /** People in statements held here (declared, less withdrawn). */
  people: number;
  posts: number;
  organisations: Record<Organisation, number>;
  /** Entries by kind, withdrawn ones included. */
  declared: number;
  withdrawn: number;
  /** People carried over: the latest `carried` figure of each day, summed. */
  carriedOver: number;
  /** Days with a `carried` entry, and `carried` entries in all (a day's later ones replace its earlier). */
  carriedDays: number;
  carriedEntries: number;
}

// Per leaf, one 32-bit word: the headcount below bit 24, the organisations mask in bits 24–26, and
// whether the leaf is a live declaration (bit 27) or one withdrawn since (bit 28). Four bytes a leaf
// keep a log of 34 million leaves in 136 MB, whatever else it holds.
const HEADCOUNT_MASK = 0xffffff;
const ORG_SHIFT = 24;
const DECLARED = 1 << 27;
const WITHDRAWN = 1 << 28;

/**
 * Checks a log from its files, in order, as `tuidang log verify` reads them: each bundle of entries
 * is decoded and summed, its leaves hashed into the level-0 tile it must equal, each full tile's root
 * passed up to the level above, and at the end the root compared with the checkpoint's. Holds one
 * tile per level besides the word per leaf; throws an Error saying what differs at the first mismatch.
 */
export class LogAuditor {
  readonly totals: LogTotals = {
    people: 0,
    posts: 0,
    organisations: { party: 0, league: 0, pioneers: 0 },
    declared: 0,
    withdrawn: 0,
    carriedOver: 0,
    carriedDays: 0,
    carriedEntries: 0,
  };
  private readonly leaves: Uint32Array;
  /** Per day, the people of its latest `carried` entry: a few thousand days at most. */
  private readonly carried = new Map<string, number>();
  private leafCount = 0;
  /** Per level, the hashes of its current tile computed so far. */
  private readonly pending: Buffer[][] = [];
  /** Per level, the right edge of the tree of `earlierSize`, kept as it passes. */
  private readonly earlierEdges = new Map<number, Buffer>();

  constructor(
    readonly size: number,
    /** A saved checkpoint's size, whose root is recomputed on the way (see earlierRoot). */
    private readonly earlierSize = 0,
  ) {
    this.leaves = new Uint32Array(size);
  }

  get verifiedLeaves(): number {
    return this.leafCount;
  }

  /** The hash tiles the next bundle will be checked against (see tilesForBundle). */
  tilesForNextBundle(): TileKey[] {
    return tilesForBundle(this.size, this.leafCount / TILE_WIDTH);
  }

  /** Bundles still to read, and the width of the next. */
  nextBundle(): { index: number; width: number } | undefined {
    if (this.leafCount >= this.size) return undefined;
    return { index: this.leafCount / TILE_WIDTH, width: Math.min(TILE_WIDTH, this.size - this.leafCount) };
  }

  /**
   * Takes the next bundle of entries and the level-0 tile of the same index (and, when that tile is
   * full, whatever tiles above it complete). `tileAt(level)` returns the published hash tile of that
   * level that the next hash falls in.
   */
  addBundle(bundle: Uint8Array, tileAt: (level: number, index: number, width: number) => Uint8Array): void {
    const index = this.leafCount / TILE_WIDTH;
    const width = Math.min(TILE_WIDTH, this.size - this.leafCount);
    const entries = decodeBundle(bundle);
    if ('error' in entries) throw new Error(`entry bundle ${index}: ${entries.error}`);
    if (entries.length !== width) throw new Error(`entry bundle ${index} holds ${entries.length} entries, not ${width}`);
    for (const entry of entries) {
      this.count(entry);
      this.push(0, leafHash(entry), tileAt);
    }
  }

  private count(bytes: Buffer): void {
    const at = this.leafCount++;
    const entry = decodeEntry(bytes);
    if ('error' in entry) throw new Error(`leaf ${at}: ${entry.error}`);
    if (entry.kind === 'declared') {
      if (entry.headcount > HEADCOUNT_MASK) throw new Error(`leaf ${at}: a headcount of ${entry.headcount} is beyond any statement`);
      this.leaves[at] = entry.headcount | (entry.organisations << ORG_SHIFT) | DECLARED;
      this.apply(entry.headcount, entry.organisations, 1);
      this.totals.declared++;
      return;
    }
    if (entry.kind === 'carried') {
      const before = this.carried.get(entry.day);
      if (before === undefined) this.totals.carriedDays++;
      this.carried.set(entry.day, entry.people);
      this.totals.carriedOver += entry.people - (before ?? 0);
      this.totals.carriedEntries++;
      return;
    }
    const target = entry.leafIndex;
    const word = target < at ? this.leaves[target]! : 0;
    if (!(word & DECLARED)) throw new Error(`leaf ${at} withdraws leaf ${target}, which is not an earlier declaration`);
    if (word & WITHDRAWN) throw new Error(`leaf ${at} withdraws leaf ${target} a second time`);
    this.leaves[target] = word | WITHDRAWN;
    this.apply(word & HEADCOUNT_MASK, (word >>> ORG_SHIFT) & 7, -1);
    this.totals.withdrawn++;
  }

  private apply(people: number, mask: number, sign: 1 | -1): void {
    this.totals.people += sign * people;
    this.totals.posts += sign;
    for (const name of ORGANISATIONS) if (mask & ORGANISATION_BITS[name]) this.totals.organisations[name] += sign * people;
  }

  private push(level: number, hash: Buffer, tileAt: (level: number, index: number, width: number) => Uint8Array): void {
    if (!this.pending[level]) this.pending[level] = [];
    const tile = this.pending[level];
    tile.push(hash);
    const nodes = levelWidth(this.size, level);
    const done = this.doneAt(level);
    const index = Math.floor((done - 1) / TILE_WIDTH);
    const edge = levelWidth(this.earlierSize, level);
    if (done === edge && edge % TILE_WIDTH !== 0) this.earlierEdges.set(level, Buffer.concat(tile));
    if (tile.length < TILE_WIDTH && done < nodes) return;
    const computed = Buffer.concat(tile);
    const published = tileAt(level, index, tile.length);
    if (!computed.equals(Buffer.from(published.buffer, published.byteOffset, published.byteLength))) {
      throw new Error(`hash tile ${level}/${index} (width ${tile.length}) differs from the hashes of the entries below it`);
    }
    if (tile.length === TILE_WIDTH) {
      this.pending[level] = [];
      this.push(level + 1, subtreeHash(computed, 0, TILE_WIDTH), tileAt);
      if (done === nodes) this.pending[level] = [];
    }
    if (tile.length < TILE_WIDTH) this.edges.set(level, computed);
  }

  /** Nodes of a level hashed so far. */
  private doneAt(level: number): number {
    return Math.floor(this.leafCount / TILE_WIDTH ** level);
  }

  /** Per level, the partial tile at the right edge of the whole tree. */
  private readonly edges = new Map<number, Buffer>();

  /** The root of the whole tree, once every bundle is in. */
  root(): Buffer {
    if (this.leafCount !== this.size) throw new Error(`only ${this.leafCount} of ${this.size} leaves were read`);
    return this.rootOf(this.size, this.edges);
  }

  /** The root of the tree of `earlierSize` leaves, recomputed from the same tiles. */
  earlierRoot(): Buffer {
    return this.rootOf(this.earlierSize, this.earlierEdges);
  }

  // A root needs, at each level, only the partial tile at its right edge: the complete subtrees it is
  // made of lie in those, or are a level's node that is itself a full tile's root one level up.
  private rootOf(size: number, edges: Map<number, Buffer>): Buffer {
    return treeHash((level, index) => {
      const tileLevel = Math.floor(level / 8);
      const span = 2 ** (level - tileLevel * 8);
      const tile = edges.get(tileLevel);
      const first = index * span - Math.floor(levelWidth(size, tileLevel) / TILE_WIDTH) * TILE_WIDTH;
      if (!tile || first < 0 || (first + span) * HASH_BYTES > tile.length)
        throw new Error(`node ${level}/${index} is not at the right edge`);
      return subtreeHash(tile, first, span);
    }, size);
  }
}
