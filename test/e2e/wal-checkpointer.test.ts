import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServerProcess } from '../helpers/server-process.ts';
import { waitForDeclarationsInDatabaseFile } from '../helpers/sqlite-file.ts';
import { makeTempDir } from '../helpers/test-context.ts';

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
    const copied = await waitForDeclarationsInDatabaseFile(join(dir, 'tuidang.sqlite'), 40);
    assert.equal(copied, 40, 'every acknowledged row reached the database file');
    assert.equal(server.output().includes('WAL checkpoint'), false, 'no checkpoint failed');
  } finally {
    assert.equal(await server.stop(), 0, 'the checkpointer let the server stop cleanly');
    rmSync(dir, { recursive: true, force: true });
  }
});
