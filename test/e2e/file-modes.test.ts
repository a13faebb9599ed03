import assert from 'node:assert/strict';
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { backupSqlite } from '../../src/tools/backup.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { startServer } from '../../src/server.ts';
import { postJson } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('files that hold the registry are readable by their owner only', () => {
  let ctx: TestContext;
  let umask: number;
  before(async () => {
    // The usual umask, which would leave new files readable by everyone.
    umask = process.umask(0o022);
    ctx = await createTestContext('sqlite');
  });
  after(async () => {
    await ctx.close();
    process.umask(umask);
  });

  test('the database, its WAL and shared-memory files, and a backup are created 0600', async () => {
    assert.equal((await postJson(ctx, '/api/v1/declarations', { names: '明德', orgs: ['league'] })).status, 201);
    const file = ctx.config.databaseUrl.slice('sqlite:'.length);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) assert.equal(modeOf(path).toString(8), '600', path);

    const backup = join(ctx.dir, 'backup.sqlite');
    await backupSqlite(ctx.config.databaseUrl, backup);
    assert.equal(modeOf(backup).toString(8), '600');
  });

  test('the service warns at start about key files others can read', async () => {
    const receiptKey = join(ctx.dir, 'keys', 'receipt.key');
    chmodSync(receiptKey, 0o644);
    const lines: string[] = [];
    const server = await startServer(
      loadConfig({ TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl, PORT: '0' }),
      createLogger('info', { write: (line: string) => void lines.push(line) }),
    );
    await server.close();
    const warnings = lines.map((line) => JSON.parse(line)).filter((entry) => entry.level === 40);
    assert.deepEqual(
      warnings.map((entry) => entry.file),
      [receiptKey],
    );
    assert.match(warnings[0].msg, /chmod 600/);
  });
});
