import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { leafHash } from '../../../src/domain/log/hash.ts';
import { appendTiles, hashesFromTiles, TILE_WIDTH, tileNodes } from '../../../src/domain/log/tiles.ts';
import { consistencyProof, inclusionProof } from '../../../src/domain/log/tree.ts';
import { logRepository } from '../../../src/repositories/log/log-repository.ts';
import { ProofReader } from '../../../src/services/log/proof-reader.ts';
import { indexTiles } from '../../../src/services/log/tile-index.ts';
import { runCliInProcess } from '../../helpers/cli.ts';
import { testEngines } from '../../helpers/databases.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

/**
 * A log built before migration 0033 has tiles and no inner nodes: its proofs hash whole tiles until
 * `tuidang log index-tiles` stores the nodes, after which they must be the same bytes. The tiles here
 * are written as a build before the migration left them (65,900 leaves: 257 full leaf tiles, a full
 * level-1 tile, and partial edges on both levels).
 */
const SIZE = 65_900;

for (const engine of testEngines()) {
  describe(`the log's tile nodes (${engine})`, () => {
    let ctx: TestContext;
    let env: Record<string, string>;
    const memory = new Map<string, Buffer>();
    const stored = (size: number) =>
      hashesFromTiles(size, (level, index, width) => memory.get(`${level}/${index}`)!.subarray(0, width * 32));
    before(async () => {
      ctx = await createTestContext(engine);
      env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
      const leaves = Buffer.concat(Array.from({ length: SIZE }, (_, i) => leafHash(Buffer.from(`leaf ${i}`))));
      const writes = appendTiles(0, leaves, () => Buffer.alloc(0));
      for (const write of writes) memory.set(`${write.level}/${write.index}`, write.hashes);
      const db = ctx.services.database.db;
      await db.transaction().execute((trx) =>
        logRepository.putTiles(
          trx,
          writes.map((write) => ({ level: write.level, index: write.index, width: write.hashes.length / 32, data: write.hashes })),
        ),
      );
    });
    after(() => ctx.close());

    const proofsAgree = async (reader: ProofReader) => {
      for (const size of [SIZE, SIZE - 101, 65_536, 40_000, 300]) {
        for (const leaf of [0, 15, 255, 256, 4_097, 30_001, 65_535, size - 1].filter((n) => n < size))
          assert.deepEqual(
            await reader.run(size, (hashes) => inclusionProof(hashes, leaf, size)),
            inclusionProof(stored(size), leaf, size),
            `inclusion ${leaf}/${size}`,
          );
        assert.deepEqual(
          await reader.run(size, (hashes) => consistencyProof(hashes, 257, size)),
          consistencyProof(stored(size), 257, size),
        );
      }
    };

    test('proofs are the same bytes before and after the nodes are filled in; the filling resumes and is checked', async () => {
      const db = ctx.services.database.db;
      const reader = () => new ProofReader((keys) => logRepository.proofTiles(db, keys));
      assert.deepEqual(await logRepository.tileNodeCounts(db), { fullTiles: 258, withNodes: 0 });
      await proofsAgree(reader());

      // A run stopped after its first tiles: the nodes of tiles 0/0 to 0/9, as a step would have stored them.
      await db.transaction().execute(async (trx) => {
        const first = await logRepository.tilesLackingNodes(trx, undefined, 10);
        await logRepository.putTileNodes(
          trx,
          first.map((tile) => ({ level: tile.level, index: tile.index, nodes: tileNodes(tile.data) })),
        );
      });
      await proofsAgree(reader());
      const reports: { done: number; total: number }[] = [];
      assert.deepEqual(await indexTiles(db, logRepository, (report) => reports.push(report)), { indexed: 248 });
      assert.deepEqual(reports.at(-1), { done: 248, total: 248 });
      assert.deepEqual(await logRepository.tileNodeCounts(db), { fullTiles: 258, withNodes: 258 });
      const again = await runCliInProcess(['log', 'index-tiles'], env);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /Indexed 0 tiles\./);

      const tiles = await logRepository.proofTiles(db, [
        { level: 0, index: 3 },
        { level: 1, index: 0 },
        { level: 0, index: Math.floor(SIZE / TILE_WIDTH) },
      ]);
      assert.equal(tiles.filter((tile) => tile.nodes?.length === 512).length, 2, 'full tiles come with their nodes, the edge without');
      await proofsAgree(reader());

      const checked = await runCliInProcess(['log', 'index-tiles', '--verify'], env);
      assert.equal(checked.code, 0, checked.stderr);
      assert.match(checked.stdout, /Checked the nodes of 258 tiles: 0 differ; 0 full tiles have none yet\./);
      assert.match(checked.stderr, /log index-tiles: 258 \/ 258 tiles checked/);

      // A stored node changed: the check names its tile, and proofs through it would differ.
      const [row] = await logRepository.tilesWithNodes(db, { level: 0, index: 6 }, 1);
      const bad = Buffer.from(row!.nodes!);
      bad[40] = bad[40]! ^ 1;
      await sql`update log_tile_nodes set nodes = ${bad.toString('base64')} where level = 0 and tile_index = 7`.execute(db);
      const rejected = await runCliInProcess(['log', 'index-tiles', '--verify'], env);
      assert.equal(rejected.code, 1);
      assert.match(rejected.stderr, /TILE NODES REJECTED: tile 0\/7 differs from its stored nodes/);
      assert.match(rejected.stdout, /1 differ/);
    });
  });
}
