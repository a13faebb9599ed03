import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogAuditor } from './audit.ts';
import { decodeEntry, encodeEntry, type LogEntry } from './entry.ts';
import { leafHash } from './hash.ts';
import { appendTiles, encodeBundle, TILE_WIDTH } from './tiles.ts';

/** By default every 7th entry is a withdrawal of the declaration before it. */
function withdrawingEverySeventh(i: number): LogEntry {
  return i % 7 === 6
    ? { kind: 'withdrawn', leafIndex: i - 1, reason: 'retracted' }
    : {
        kind: 'declared',
        headcount: 1 + (i % 3),
        organisations: i % 8,
        day: '2026-12-01',
        admission: 'public',
        commitment: Buffer.alloc(32, i % 251),
      };
}

/** A log of `size` entries, built in batches as the service does. */
function buildLog(size: number, entryAt: (i: number) => LogEntry = withdrawingEverySeventh) {
  const entries: Buffer[] = [];
  for (let i = 0; i < size; i++) entries.push(encodeEntry(entryAt(i)));
  const tiles = new Map<string, Buffer>();
  let done = 0;
  while (done < size) {
    const batch = entries.slice(done, done + 1000 + (done % 3000));
    const edge = (level: number) => {
      const width = Math.floor(done / TILE_WIDTH ** level);
      return width % TILE_WIDTH === 0
        ? Buffer.alloc(0)
        : tiles.get(`${level}/${Math.floor(width / TILE_WIDTH)}`)!.subarray(0, (width % TILE_WIDTH) * 32);
    };
    for (const write of appendTiles(
      done,
      batch.map((e) => leafHash(e)),
      edge,
    ))
      tiles.set(`${write.level}/${write.index}`, write.hashes);
    done += batch.length;
  }
  return { entries, tiles };
}

function audit(log: ReturnType<typeof buildLog>, size: number, earlier = 0) {
  const auditor = new LogAuditor(size, earlier);
  for (let next = auditor.nextBundle(); next; next = auditor.nextBundle()) {
    const bundle = encodeBundle(log.entries.slice(next.index * TILE_WIDTH, next.index * TILE_WIDTH + next.width));
    const wanted = new Map(auditor.tilesForNextBundle().map((t) => [`${t.level}/${t.index}`, t.width]));
    auditor.addBundle(bundle, (level, index, width) => {
      assert.equal(wanted.get(`${level}/${index}`), width, `asked for ${level}/${index}.p/${width} unannounced`);
      return log.tiles.get(`${level}/${index}`)!.subarray(0, width * 32);
    });
  }
  return auditor;
}

describe('LogAuditor', () => {
  const size = 70_000;
  const log = buildLog(size);

  it('sums the entries, withdrawals taken off, and recomputes the root and an earlier root', () => {
    const auditor = audit(log, size, 66_000);
    let people = 0;
    let posts = 0;
    for (let i = 0; i < size; i++) {
      if (i % 7 === 5 || i % 7 === 6) continue;
      people += 1 + (i % 3);
      posts++;
    }
    assert.equal(auditor.totals.people, people);
    assert.equal(auditor.totals.posts, posts);
    const smaller = audit(log, 66_000);
    assert.deepEqual(auditor.earlierRoot(), smaller.root());
    assert.notDeepEqual(auditor.root(), smaller.root());
  });

  it('rejects a flipped byte in a hash tile, and an entry changed under its tiles', () => {
    const tile = log.tiles.get('0/100')!;
    tile[5] = tile[5]! ^ 1;
    assert.throws(() => audit(log, size), /hash tile 0\/100 .* differs/);
    tile[5] = tile[5]! ^ 1;
    const entry = log.entries[301]!;
    entry[3] = entry[3]! ^ 1;
    assert.throws(() => audit(log, size), /hash tile 0\/1 .* differs/);
    entry[3] = entry[3]! ^ 1;
  });

  it('rejects a withdrawal of a leaf that is not an earlier declaration', () => {
    const bad = buildLog(10);
    bad.entries[6] = encodeEntry({ kind: 'withdrawn', leafIndex: 9, reason: 'duplicate' });
    assert.throws(() => audit(bad, 10), /leaf 6 withdraws leaf 9/);
  });

  it('counts the latest carried figure of each day apart, and rejects a withdrawal of a carried leaf', () => {
    // Every 7th entry (never one a withdrawal points at) carries 1 000 + i people over for one of three days: each day's last one counts.
    const entryAt = (i: number): LogEntry =>
      i % 7 === 3 ? { kind: 'carried', day: `2010-01-0${1 + (i % 3)}`, people: 1_000 + i, source: 'legacy' } : withdrawingEverySeventh(i);
    const mixed = buildLog(600, entryAt);
    const auditor = audit(mixed, 600);
    const latest = new Map<string, number>();
    for (let i = 3; i < 600; i += 7) latest.set(`2010-01-0${1 + (i % 3)}`, 1_000 + i);
    assert.equal(
      auditor.totals.carriedOver,
      [...latest.values()].reduce((a, b) => a + b, 0),
    );
    assert.equal(auditor.totals.carriedDays, 3);
    assert.equal(auditor.totals.carriedEntries, 86);
    assert.deepEqual(decodeEntry(encodeEntry(entryAt(3))), entryAt(3));
    mixed.entries[6] = encodeEntry({ kind: 'withdrawn', leafIndex: 3, reason: 'duplicate' });
    assert.throws(() => audit(mixed, 600), /leaf 6 withdraws leaf 3, which is not an earlier declaration/);
  });
});
