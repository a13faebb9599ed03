import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase } from '../../test/helpers/databases.ts';
import { makeTempDir } from '../../test/helpers/test-context.ts';
import { createLogger } from '../logging/logger.ts';
import { createDatabase } from './create-db.ts';

describe('a PostgreSQL pool', { skip: process.env.TEST_DATABASE_URL ? false : 'TEST_DATABASE_URL is not set' }, () => {
  test('an idle connection the server drops is logged, and the next query opens a new one', async () => {
    const dir = makeTempDir();
    const database = await createTestDatabase('postgres', dir);
    const logs: { level: number; msg: string }[] = [];
    let logged: () => void = () => {};
    const failureLogged = new Promise<void>((resolve) => (logged = resolve));
    const handle = createDatabase(database.url, {
      logger: createLogger('info', {
        write: (line: string) => {
          logs.push(JSON.parse(line));
          logged();
        },
      }),
    });
    const admin = createDatabase(database.url);
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
      await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(admin.db);
      await failureLogged;
      assert.deepEqual(
        logs.map(({ level, msg }) => ({ level, msg })),
        [{ level: 40, msg: 'an idle PostgreSQL connection failed; the pool opens a new one when needed' }],
      );
      const again = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      assert.equal(again.rows[0]!.one, 1);
    } finally {
      await handle.close();
      await admin.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
