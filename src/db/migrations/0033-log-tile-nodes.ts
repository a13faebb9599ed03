import type { Kysely } from 'kysely';

/**
 * The inner nodes of each full hash tile of the transparency log (docs/transparency.md, "Tiles"): 16
 * hashes four levels above the tile's, which spare a proof 225 of the 247 hashes its leaf's tile
 * otherwise costs. Written with the tile where the log is built; a log built before this migration has
 * none until `tuidang log index-tiles` fills them in, and its proofs hash the tiles meanwhile.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('log_tile_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('tile_index', 'integer', (c) => c.notNull())
    // base64 of 512 bytes, as the tiles are: one text type on both engines.
    .addColumn('nodes', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('log_tile_nodes_pk', ['level', 'tile_index'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('log_tile_nodes').execute();
}
