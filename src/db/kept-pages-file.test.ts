import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { KEPT_PAGES_DIR, openKeptPagesFile } from './kept-pages-file.ts';

/** The files this process holds open under `dir`, as the kernel names them. */
function openFilesUnder(dir: string): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(dir));
}

test('a file of kept pages has no name from the moment it is open, takes writes, and is freed at close', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuidang-kept-'));
  try {
    const first = openKeptPagesFile(dir);
    const second = openKeptPagesFile(dir);
    assert.equal(statSync(join(dir, KEPT_PAGES_DIR)).mode & 0o777, 0o700);
    assert.deepEqual(readdirSync(join(dir, KEPT_PAGES_DIR)), [], 'no name left to open, sweep or serve from another process');
    const held = openFilesUnder(dir);
    assert.equal(held.length, 2);
    for (const target of held) assert.match(target, /kept-pages\/pages-[0-9a-f-]{36}\.sqlite \(deleted\)$/);

    const write = first.prepare('INSERT OR REPLACE INTO pages (key, stamp, etag, body) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < 200; i++) write.run(`en|2025-01-${i}`, '1|2026-12-07', '"e"', new Uint8Array(11_000).fill(i));
    for (let i = 0; i < 200; i++) write.run(`en|2025-01-${i}`, '2|2026-12-07', '"e"', new Uint8Array(11_000).fill(i));
    assert.equal((first.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n, 200);
    assert.equal((second.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n, 0, 'each process its own');

    first.close();
    second.close();
    assert.deepEqual(openFilesUnder(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
