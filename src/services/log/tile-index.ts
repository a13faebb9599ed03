import { setImmediate } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { tileNodes } from '../../domain/log/tiles.ts';
import type { LogRepository } from '../../repositories/log/log-repository.ts';
import type { TileKey } from '../../repositories/log/tile-nodes.ts';

/** Full tiles read, hashed and written per transaction: 1,000 tiles are 8 MB read and 0.7 MB written. */
const TILES_PER_STEP = 1_000;

export interface TileIndexProgress {
  /** Full tiles handled so far in this run. */
  done: number;
  /** Full tiles that had no nodes when the run began (for `index`), or that have them (for `verify`). */
  total: number;
}

/**
 * Stores the inner nodes of every full hash tile that has none: a log built before migration 0033
 * (its proofs hash whole tiles until then). Each step is its own transaction, and a tile that has its
 * nodes is never read again, so a run stopped anywhere loses nothing and the next takes up from there.
 * A batch appending meanwhile writes its own tiles' nodes; the same tile's nodes are the same bytes.
 */
export async function indexTiles(
  db: Kysely<Database>,
  log: Pick<LogRepository, 'tilesLackingNodes' | 'putTileNodes' | 'tileNodeCounts'>,
  onProgress: (progress: TileIndexProgress) => void,
): Promise<{ indexed: number }> {
  const counts = await log.tileNodeCounts(db);
  const total = Math.max(0, counts.fullTiles - counts.withNodes);
  let done = 0;
  let from: TileKey | undefined;
  for (;;) {
    const tiles = await log.tilesLackingNodes(db, from, TILES_PER_STEP);
    if (tiles.length === 0) return { indexed: done };
    const rows = tiles.map((tile) => ({ level: tile.level, index: tile.index, nodes: tileNodes(tile.data) }));
    await db.transaction().execute((trx) => log.putTileNodes(trx, rows));
    done += rows.length;
    from = tiles.at(-1)!;
    onProgress({ done, total: Math.max(total, done) });
    // A turn of the event loop between steps, as `publish` takes between batches.
    await setImmediate();
  }
}

/** Checks every stored tile's nodes against its hashes: the tiles whose nodes differ, and how many full tiles have none. */
export async function verifyTileNodes(
  db: Kysely<Database>,
  log: Pick<LogRepository, 'tilesWithNodes' | 'tileNodeCounts'>,
  onProgress: (progress: TileIndexProgress) => void,
): Promise<{ checked: number; mismatched: TileKey[]; lacking: number }> {
  const counts = await log.tileNodeCounts(db);
  const mismatched: TileKey[] = [];
  let checked = 0;
  let from: TileKey | undefined;
  for (;;) {
    const tiles = await log.tilesWithNodes(db, from, TILES_PER_STEP);
    if (tiles.length === 0) break;
    for (const tile of tiles) {
      // Only a full tile has nodes: nodes beside a partial one were written by something else.
      if (tile.width !== 256 || !tile.nodes?.equals(tileNodes(tile.data))) mismatched.push({ level: tile.level, index: tile.index });
    }
    checked += tiles.length;
    from = tiles.at(-1)!;
    onProgress({ done: checked, total: counts.withNodes });
    await setImmediate();
  }
  return { checked, mismatched, lacking: Math.max(0, counts.fullTiles - counts.withNodes) };
}
