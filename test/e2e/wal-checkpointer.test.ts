import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { startServerProcess } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Declarations in the database file alone, as if its WAL were lost: what a checkpoint has copied. */
function rowsInDatabaseFile(dir: string): number {
  const copy = join(dir, 'without-wal.sqlite');
  copyFileSync(join(dir, 'tuidang.sqlite'), copy);
  const database = new DatabaseSync(copy, { readOnly: true });
  try {
    return (database.prepare('select count(*) as n from declarations').get() as { n: number }).n;
  } finally {
    database.close();
    rmSync(copy);
  }
}

test('the server copies its WAL into the database file in the background, well before 10,000 pages', async () => {
  const dir = makeTempDir();
  const server = await startServerProcess({ TUIDANG_DATA_DIR: dir, TUIDANG_LOG_LEVEL: 'warn' });
  try {
    for (let i = 0; i < 40; i++) {
      const response = await fetch(`${server.url}/api/v1/declarations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ names: '明德', orgs: ['party'], statement: `no. ${i}` }),
      });
      assert.equal(response.status, 201);
    }
    // Forty small commits are far below the WAL size at which a commit checkpoints by itself.
    let copied = rowsInDatabaseFile(dir);
    for (let waited = 0; copied < 40 && waited < 5_000; waited += 100) {
      await sleep(100);
      copied = rowsInDatabaseFile(dir);
    }
    assert.equal(copied, 40, 'every acknowledged row reached the database file');
    assert.equal(server.output().includes('WAL checkpoint'), false, 'no checkpoint failed');
  } finally {
    assert.equal(await server.stop(), 0, 'the checkpointer let the server stop cleanly');
    rmSync(dir, { recursive: true, force: true });
  }
});
