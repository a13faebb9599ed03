// Migration 0033: the inner nodes of the transparency log's full hash tiles (docs/transparency.md, "Tiles").
interface LogTileNodesTable {
  level: number;
  tile_index: number;
  /** The tile's 16 hashes four levels up, 512 bytes in base64. */
  nodes: string;
}

export interface LogNodesTables {
  log_tile_nodes: LogTileNodesTable;
}
