/**
 * What a permalink never read before costs below HTTP on a large registry, read-only: its row, the
 * latest checkpoint, its statement in the log, and its inclusion proof, each through a prepared
 * node:sqlite statement (the queries the repositories issue), for a few thousand random permalinks.
 * The proof runs through ProofReader twice: over the tiles alone (a log built before migration 0033,
 * such as the 34-million registry's) and with each full tile's inner nodes (computed here beforehand,
 * as `tuidang log index-tiles` would store them; the registry itself is never written).
 *
 *   node --import tsx bench/permalink-reads.ts DATA_DIR [--count 2000]
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { tileNodes } from '../src/domain/log/tiles.ts';
import { inclusionProof } from '../src/domain/log/tree.ts';
import type { ProofTile } from '../src/repositories/log/tile-nodes.ts';
import { ProofReader } from '../src/services/log/proof-reader.ts';
import { samplePublishedRows } from './lib/reads.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { count: { type: 'string', default: '2000' } } });
const dataDir = positionals[0];
if (!dataDir) throw new Error('usage: bench/permalink-reads.ts DATA_DIR');
const sampled = samplePublishedRows(dataDir, Number(values.count));
const db = new DatabaseSync(join(dataDir, 'tuidang.sqlite'), { readOnly: true });
const serialOf = db.prepare('select registration_serial as serial from declarations where id = ?');
const rows = sampled.map((row) => ({ ...row, serial: (serialOf.get(row.id) as { serial: number | null }).serial }));

const byNumber =
  '(d.registration_serial = ? and d.registration_number = ?) or (d.registration_serial is null and d.registration_number = ?)';
const rowQuery = db.prepare(`select * from declarations d where ${byNumber}`);
const checkpointQuery = db.prepare('select size, root, note from log_checkpoints order by size desc limit 1');
const statementQuery = db.prepare(
  `select d.id, d.registration_number, s.salt, s.declared_leaf, s.withdrawn_leaf, d.headcount, d.party, d.league, d.pioneers, d.counted_day, d.admission
   from log_statements s join declarations d on d.id = s.declaration_id where ${byNumber}`,
);
const tileQueries = new Map<number, ReturnType<DatabaseSync['prepare']>>();
let tilesRead = 0;
let tileBytes = 0;
const nodes = new Map<string, Buffer>();
const load =
  (withNodes: boolean) =>
  async (keys: { level: number; index: number }[]): Promise<ProofTile[]> => {
    let query = tileQueries.get(keys.length);
    if (!query) {
      query = db.prepare(
        `select level, tile_index, width, data from log_tiles where ${Array(keys.length).fill('(level = ? and tile_index = ?)').join(' or ')}`,
      );
      tileQueries.set(keys.length, query);
    }
    const found = query.all(...keys.flatMap((key) => [key.level, key.index])) as {
      level: number;
      tile_index: number;
      width: number;
      data: string;
    }[];
    return found.map((row) => {
      tilesRead++;
      tileBytes += row.data.length;
      const tile: ProofTile = { level: row.level, index: row.tile_index, width: row.width, data: Buffer.from(row.data, 'base64') };
      const inner = withNodes ? nodes.get(`${row.level}/${row.tile_index}`) : undefined;
      if (inner) tile.nodes = inner;
      return tile;
    });
  };

const { size } = checkpointQuery.get() as { size: number };
const leaves = rows.map((row) => {
  const statement = statementQuery.get(row.serial, row.number, row.number) as { declared_leaf: number } | undefined;
  if (!statement) throw new Error(`${row.number} is not in the log`);
  return statement.declared_leaf;
});
// The nodes `log index-tiles` would store for the tiles these proofs read: every full tile of levels 0 and 1 they touch.
const fullTiles = db.prepare(
  'select level, tile_index, data from log_tiles where level >= 0 and width = 256 and level = ? and tile_index = ?',
);
for (const key of new Set([
  ...leaves.map((leaf) => `0/${Math.floor(leaf / 256)}`),
  ...Array.from({ length: Math.ceil(size / 65_536) }, (_, i) => `1/${i}`),
])) {
  const [level, index] = key.split('/').map(Number) as [number, number];
  const tile = fullTiles.get(level, index) as { data: string } | undefined;
  if (tile) nodes.set(key, tileNodes(Buffer.from(tile.data, 'base64')));
}

const measure = async (name: string, each: (i: number) => unknown) => {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < rows.length; i++) await each(i);
  const used = process.cpuUsage(cpu);
  const per = (n: number) => (n / rows.length).toFixed(1).padStart(7);
  console.log(`${name.padEnd(34)} ${per(used.user + used.system)} µs CPU ${per((performance.now() - wall) * 1000)} µs wall`);
};

console.log(`${rows.length} random permalinks of a log of ${size.toLocaleString('en')} leaves`);
for (const round of [1, 2]) {
  console.log(`round ${round}`);
  await measure('row by number (serial index)', (i) => rowQuery.get(rows[i]!.serial, rows[i]!.number, rows[i]!.number));
  await measure('latest checkpoint', () => checkpointQuery.get());
  await measure('statement by number', (i) => statementQuery.get(rows[i]!.serial, rows[i]!.number, rows[i]!.number));
  for (const withNodes of [false, true]) {
    // A fresh reader each time, as after a start: its first proofs fill the upper levels.
    const reader = new ProofReader(load(withNodes));
    tilesRead = 0;
    tileBytes = 0;
    await measure(`proof, ${withNodes ? 'with inner nodes' : 'tiles alone'}`, (i) =>
      reader.run(size, (stored) => inclusionProof(stored, leaves[i]!, size)),
    );
    console.log(
      `${''.padEnd(34)} ${(tilesRead / rows.length).toFixed(2)} tiles, ${(tileBytes / rows.length / 1024).toFixed(1)} KB of base64 read a proof`,
    );
  }
}
db.close();
