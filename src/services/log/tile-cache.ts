import { TILE_WIDTH, hashesFromTiles } from '../../domain/log/tiles.ts';
import type { StoredHash } from '../../domain/log/tree.ts';
import type { StoredTile } from '../../repositories/log/log-repository.ts';

class MissingTile extends Error {
  constructor(
    readonly level: number,
    readonly index: number,
  ) {
    super(`tile ${level}/${index} not loaded`);
  }
}

/**
 * Runs a computation over stored hashes (domain/log/tree.ts), loading the tiles it asks for: the
 * domain reads synchronously, so a missing tile stops the run, is loaded, and the run starts again.
 * A proof of a tree of millions of leaves needs a dozen tiles, so it runs a dozen times at most.
 */
export async function withTiles<T>(
  size: number,
  load: (keys: { level: number; index: number }[]) => Promise<StoredTile[]>,
  run: (stored: StoredHash) => T,
  cache = new Map<string, StoredTile>(),
): Promise<T> {
  const read = (level: number, index: number, width: number) => {
    const tile = cache.get(`${level}/${index}`);
    if (!tile) throw new MissingTile(level, index);
    if (tile.width < width) throw new Error(`tile ${level}/${index} is ${tile.width} wide, not ${width}`);
    return tile.data.subarray(0, width * 32);
  };
  for (;;) {
    try {
      return run(hashesFromTiles(size, read));
    } catch (error) {
      if (!(error instanceof MissingTile)) throw error;
      const [tile] = await load([{ level: error.level, index: error.index }]);
      if (!tile) throw new Error(`tile ${error.level}/${error.index} is missing from the log`, { cause: error });
      cache.set(`${error.level}/${error.index}`, tile);
    }
  }
}

/** The key of a level's partial edge in a tree of `width` nodes at that level, if it has one. */
export function edgeKey(level: number, width: number): { level: number; index: number; width: number } | undefined {
  const partial = width % TILE_WIDTH;
  return partial === 0 ? undefined : { level, index: Math.floor(width / TILE_WIDTH), width: partial };
}
