// Differential test of src/domain/log against Go's golang.org/x/mod/sumdb/tlog and note: random
// trees built batch by batch as the service builds them; roots, inclusion and consistency proofs,
// tile paths and tile bytes, and a signed checkpoint must be the same on both sides. Outside
// `npm test` (it needs Go); run through scripts/tlog-differential/run.sh (docs/transparency.md).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { auditHeadLine } from '../src/domain/audit/anchor-line.ts';
import { signCheckpoint } from '../src/domain/log/checkpoint.ts';
import { leafHash } from '../src/domain/log/hash.ts';
import { signerFromSeed, verifierKey } from '../src/domain/log/note.ts';
import { appendTiles, hashesFromTiles, TILE_WIDTH, tilePath, tilesOf } from '../src/domain/log/tiles.ts';
import { consistencyProof, inclusionProof, treeHash } from '../src/domain/log/tree.ts';

const [goBinary, treesArg] = process.argv.slice(2);
const trees = Number(treesArg ?? 200);
const b64 = (bytes) => Buffer.from(bytes).toString('base64');

function check(round) {
  // Mostly small trees, where the edge cases are, and some past two tile levels.
  const size = round % 10 === 9 ? 65_536 + randomInt(20_000) : 1 + randomInt(round % 2 ? 600 : 40);
  const entries = Array.from({ length: size }, () => randomBytes(1 + randomInt(60)));
  const tiles = new Map();
  const edge = (done) => (level) => {
    const width = Math.floor(done / TILE_WIDTH ** level);
    return width % TILE_WIDTH === 0
      ? Buffer.alloc(0)
      : tiles.get(`${level}/${Math.floor(width / TILE_WIDTH)}`).subarray(0, (width % TILE_WIDTH) * 32);
  };
  for (let done = 0; done < size; ) {
    const batch = entries.slice(done, done + 1 + randomInt(size < 1000 ? 100 : 10_000));
    for (const write of appendTiles(
      done,
      batch.map((entry) => leafHash(entry)),
      edge(done),
    ))
      tiles.set(`${write.level}/${write.index}`, write.hashes);
    done += batch.length;
  }
  const read = (level, index, width) => tiles.get(`${level}/${index}`).subarray(0, width * 32);
  const stored = hashesFromTiles(size, read);
  const sizes = [size, 1 + randomInt(size)];
  const inclusion = Array.from({ length: 8 }, () => [randomInt(size), size]);
  const consistency = Array.from({ length: 8 }, () => [1 + randomInt(size), size]);
  const tileIds = [
    ...tilesOf(size),
    ...[...Array(Math.ceil(size / TILE_WIDTH)).keys()].map((index) => ({
      level: 'entries',
      index,
      width: Math.min(TILE_WIDTH, size - index * TILE_WIDTH),
    })),
  ];
  const signer = signerFromSeed('example.org/log', randomBytes(32));
  // Every other checkpoint carries the audit chain's head, as the registry's do (services/log/append.ts).
  const extensions = round % 2 === 1 ? [auditHeadLine({ id: 1 + randomInt(1_000_000), hash: randomBytes(32).toString('hex') })] : [];
  const note = signCheckpoint({ origin: signer.name, size, root: treeHash(stored, size), extensions }, signer);
  const request = {
    entries: entries.map((entry) => entry.toString('hex')),
    sizes,
    inclusion,
    consistency,
    tiles: tileIds.map((t) => [t.level === 'entries' ? -1 : t.level, t.index, t.width]),
    note,
    verifierKey: verifierKey(signer),
  };
  const go = JSON.parse(execFileSync(goBinary, { input: JSON.stringify(request), maxBuffer: 1 << 30 }).toString());
  assert.deepEqual(
    go.roots,
    sizes.map((n) => b64(treeHash(hashesFromTiles(n, read), n))),
    `roots, size ${size}`,
  );
  assert.deepEqual(
    go.inclusion,
    inclusion.map(([index, n]) => inclusionProof(stored, index, n).map(b64)),
    `inclusion, size ${size}`,
  );
  assert.deepEqual(
    go.consistency,
    consistency.map(([from, to]) => consistencyProof(stored, from, to).map(b64)),
    `consistency, size ${size}`,
  );
  assert.deepEqual(go.tilePaths, tileIds.map(tilePath), `tile paths, size ${size}`);
  assert.deepEqual(
    go.tiles,
    tileIds.map((t) => (t.level === 'entries' ? '' : b64(read(t.level, t.index, t.width)))),
    `tiles, size ${size}`,
  );
  assert.equal(go.noteError ?? '', '', 'Go opens our checkpoint');
  assert.equal(go.noteText, note.slice(0, note.lastIndexOf('\n\n') + 1));
  return size;
}

let leaves = 0;
for (let round = 0; round < trees; round++) leaves += check(round);
console.log(`tlog differential: ${trees} trees, ${leaves} leaves, identical to golang.org/x/mod/sumdb/tlog and note`);
