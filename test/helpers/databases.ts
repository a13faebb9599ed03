import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

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
  return createPostgresDatabase('tuidang_test');
}

/**
 * A fresh database with every migration applied: a copy of one migrated once per process
 * (migrating anew for each test context cost more than most tests). The migrations themselves are
 * tested on empty databases (src/db/migrate.test.ts).
 */
export async function createMigratedTestDatabase(engine: TestEngine, dir: string, fileName = 'test.sqlite'): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const path = join(dir, fileName);
    sqliteTemplate ??= migratedSqliteFile();
    copyFileSync(await sqliteTemplate, path);
    return { url: `sqlite:${path}`, drop: async () => {} };
  }
  postgresTemplate ??= migratedPostgresDatabase();
  return createPostgresDatabase('tuidang_test', await postgresTemplate);
}

let sqliteTemplate: Promise<string> | undefined;
let postgresTemplate: Promise<string> | undefined;

/** A migrated SQLite file, closed (so its WAL is folded in and a copy of the file alone is whole). */
async function migratedSqliteFile(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tuidang-template-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'template.sqlite');
  const database = createDatabase(`sqlite:${path}`);
  try {
    await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
  return path;
}

/** A migrated PostgreSQL database to create others from, dropped when the process has nothing left to do. */
async function migratedPostgresDatabase(): Promise<string> {
  const template = await createPostgresDatabase('tuidang_template');
  process.once('beforeExit', () => void template.drop());
  const database = createDatabase(template.url);
  try {
    await migrateToLatest(database.db);
  } finally {
    // CREATE DATABASE … TEMPLATE refuses a template that anyone is connected to.
    await database.close();
  }
  return new URL(template.url).pathname.slice(1);
}

async function createPostgresDatabase(prefix: string, template?: string): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
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
