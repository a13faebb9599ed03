import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The engines every database test runs on: SQLite always, PostgreSQL too when
 * TEST_DATABASE_URL points at a server where the user may create databases.
 */
export type TestEngine = 'sqlite' | 'postgres';

export function testEngines(): TestEngine[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database: a file in `dir`, or a new PostgreSQL database dropped afterwards. */
export async function createTestDatabase(engine: TestEngine, dir: string, fileName = 'test.sqlite'): Promise<TestDatabase> {
  if (engine === 'sqlite') return { url: `sqlite:${join(dir, fileName)}`, drop: async () => {} };
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `tuidang_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
