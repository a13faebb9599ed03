import { sql } from 'kysely';
import { onSqlite } from '../../db/engine.ts';
import type { Executor } from '../executor.ts';
import type { StoredTile } from './log-rows.ts';

/**
 * The inner nodes of the log's full hash tiles (migration 0033, domain/log/tiles.ts `tileNodes`):
 * written with their tiles, read with them for proofs, and filled in for a log built before them.
 */

/** A hash tile, with its inner nodes when they are stored (full tiles only). */
export interface ProofTile extends StoredTile {
  nodes?: Buffer;
}

export interface TileNodes {
  level: number;
  index: number;
  nodes: Buffer;
}

/** A full hash tile's key, for walking them in order. */
export interface TileKey {
  level: number;
  index: number;
}

const num = (value: unknown) => Number(value);

interface ProofTileRow {
  level: number | bigint;
  tile_index: number | bigint;
  width: number | bigint;
  data: string;
  nodes: string | null;
}

/**
 * Decoded into bytes of its own: proof tiles are kept between proofs, and a slice of Buffer's shared
 * pool would keep its whole 64 KB slab alive.
 */
function ownBytes(base64: string): Buffer {
  const decoded = Buffer.from(base64, 'base64');
  const own = Buffer.allocUnsafeSlow(decoded.byteLength);
  own.set(decoded);
  return own;
}

const proofTile = (row: ProofTileRow): ProofTile => {
  const tile: ProofTile = {
    level: num(row.level),
    index: num(row.tile_index),
    width: num(row.width),
    data: ownBytes(row.data),
  };
  if (row.nodes !== null) tile.nodes = ownBytes(row.nodes);
  return tile;
};

const PROOF_TILES_SQL = (count: number) =>
  `select t.level, t.tile_index, t.width, t.data, n.nodes from log_tiles t
    left join log_tile_nodes n on n.level = t.level and n.tile_index = t.tile_index
    where ${Array(count).fill('(t.level = ? and t.tile_index = ?)').join(' or ')}`;

/** Full tiles from `after` on (exclusive), in key order: a walk that can stop and take up where it stopped. */
const after = (from: TileKey | undefined) =>
  from ? sql`and (t.level > ${from.level} or (t.level = ${from.level} and t.tile_index > ${from.index}))` : sql``;

export const tileNodeRows = {
  /** A batch's full tiles' nodes. A full tile never changes, so nodes already stored stay as they are. */
  async putTileNodes(db: Executor, rows: readonly TileNodes[]): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insertInto('log_tile_nodes')
      .values(rows.map((row) => ({ level: row.level, tile_index: row.index, nodes: row.nodes.toString('base64') })))
      .onConflict((oc) => oc.columns(['level', 'tile_index']).doNothing())
      .execute();
  },

  /** The tiles a proof reads, each with its nodes if stored: one query, a prepared statement on SQLite. */
  async proofTiles(db: Executor, keys: readonly TileKey[]): Promise<ProofTile[]> {
    if (keys.length === 0) return [];
    const params = keys.flatMap((key) => [key.level, key.index]);
    const fast = await onSqlite(db, (prepare) =>
      (prepare(PROOF_TILES_SQL(keys.length)).all(...params) as unknown as ProofTileRow[]).map(proofTile),
    );
    if (fast) return fast;
    const where = sql.join(
      keys.map((key) => sql`(t.level = ${key.level} and t.tile_index = ${key.index})`),
      sql` or `,
    );
    const { rows } = await sql<ProofTileRow>`select t.level, t.tile_index, t.width, t.data, n.nodes from log_tiles t
      left join log_tile_nodes n on n.level = t.level and n.tile_index = t.tile_index where ${where}`.execute(db);
    return rows.map(proofTile);
  },

  /** Full hash tiles without stored nodes, after `from`, in key order: for `tuidang log index-tiles`. */
  async tilesLackingNodes(db: Executor, from: TileKey | undefined, limit: number): Promise<StoredTile[]> {
    const { rows } = await sql<ProofTileRow>`select t.level, t.tile_index, t.width, t.data, null as nodes from log_tiles t
      where t.level >= 0 and t.width = 256 ${after(from)}
        and not exists (select 1 from log_tile_nodes n where n.level = t.level and n.tile_index = t.tile_index)
      order by t.level, t.tile_index limit ${limit}`.execute(db);
    return rows.map(proofTile);
  },

  /** Full hash tiles with their stored nodes, after `from`, in key order: for checking the nodes. */
  async tilesWithNodes(db: Executor, from: TileKey | undefined, limit: number): Promise<ProofTile[]> {
    const { rows } = await sql<ProofTileRow>`select t.level, t.tile_index, t.width, t.data, n.nodes from log_tiles t
      join log_tile_nodes n on n.level = t.level and n.tile_index = t.tile_index
      where t.level >= 0 ${after(from)}
      order by t.level, t.tile_index limit ${limit}`.execute(db);
    return rows.map(proofTile);
  },

  /** How many hash tiles are full, and how many rows of nodes are stored. */
  async tileNodeCounts(db: Executor): Promise<{ fullTiles: number; withNodes: number }> {
    const { rows } = await sql<{ full_tiles: number | bigint; with_nodes: number | bigint }>`select
      (select count(*) from log_tiles where level >= 0 and width = 256) as full_tiles,
      (select count(*) from log_tile_nodes) as with_nodes`.execute(db);
    return { fullTiles: num(rows[0]!.full_tiles), withNodes: num(rows[0]!.with_nodes) };
  },
};
