import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { KEPT_PAGES_DIR, openKeptPagesFile } from './kept-pages-file.ts';

const host = hostname().replace(/[^A-Za-z0-9.]/g, '_');

test("a process's file of kept pages: new at each start, removed at close; gone processes' files of this host are swept", () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuidang-kept-'));
  try {
    mkdirSync(join(dir, KEPT_PAGES_DIR));
    // A pid no process has (above the kernel's pid_max), this process's own from a run before, and another host's.
    const gone = `pages-${host}-4194305.sqlite`;
    const mine = `pages-${host}-${process.pid}.sqlite`;
    const elsewhere = 'pages-other.host-4194305.sqlite';
    for (const name of [gone, mine, elsewhere]) writeFileSync(join(dir, KEPT_PAGES_DIR, name), 'left behind');
    const file = openKeptPagesFile(dir);
    assert.equal(file.path, join(dir, KEPT_PAGES_DIR, mine));
    assert.equal(statSync(file.path).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(join(dir, KEPT_PAGES_DIR)).sort(), [mine, elsewhere].sort());
    assert.equal((file.connection.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n, 0, 'the old file is not reused');
    // A live process of this host keeps its file.
    const live = openKeptPagesFile(dir, process.ppid);
    const again = openKeptPagesFile(dir, 4194306);
    assert.ok(existsSync(live.path));
    again.close();
    live.close();
    file.close();
    file.close();
    assert.deepEqual(readdirSync(join(dir, KEPT_PAGES_DIR)), [elsewhere]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
