import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Kysely, sql } from 'kysely';
import { openSqliteFile } from './create-db.ts';
import { MigrationError, migrateToLatest } from './migrate.ts';
import { NodeSqliteDialect } from './node-sqlite/node-sqlite-dialect.ts';
import { migrationProvider } from './migrations/index.ts';

const ALL_MIGRATIONS = Object.keys(await migrationProvider.getMigrations()).sort();

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuidang-'));
const open: Kysely<any>[] = [];

function openDb(file: string): Kysely<any> {
  const db = new Kysely<any>({ dialect: new NodeSqliteDialect(() => openSqliteFile(file)) });
  open.push(db);
  return db;
}

async function tableNames(db: Kysely<any>): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name
  `.execute(db);
  return result.rows.map((row) => row.name);
}

async function indexNames(db: Kysely<any>): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select name from sqlite_master where type = 'index' and name not like 'sqlite_%' order by name
  `.execute(db);
  return result.rows.map((row) => row.name);
}

after(async () => {
  for (const db of open) await db.destroy().catch(() => undefined);
  fs.rmSync(tempDir, { recursive: true, force: true });
});

describe('migrateToLatest on SQLite', () => {
  const file = path.join(tempDir, 'migrate.sqlite');

  it('creates the declaration tables, indexes and the migration table on a fresh file', async () => {
    const db = openDb(file);
    assert.deepEqual(await tableNames(db), []);

    const results = await migrateToLatest(db);
    assert.deepEqual(
      results.map((r) => ({ migrationName: r.migrationName, direction: r.direction, status: r.status })),
      ALL_MIGRATIONS.map((migrationName) => ({ migrationName, direction: 'Up', status: 'Success' })),
    );

    const tables = await tableNames(db);
    assert.ok(tables.includes('declarations'), `tables: ${tables.join(', ')}`);
    assert.ok(tables.includes('declaration_events'), `tables: ${tables.join(', ')}`);
    assert.ok(tables.includes('kysely_migration'), `tables: ${tables.join(', ')}`);

    const indexes = await indexNames(db);
    assert.ok(indexes.includes('declarations_status_id'), `indexes: ${indexes.join(', ')}`);
    assert.ok(indexes.includes('declaration_events_declaration'), `indexes: ${indexes.join(', ')}`);

    const applied = await db.selectFrom('kysely_migration').select('name').execute();
    assert.deepEqual(
      applied.map((r) => r.name),
      ALL_MIGRATIONS,
    );
  });

  it('applies nothing the second time', async () => {
    const db = openDb(file);
    const results = await migrateToLatest(db);
    assert.deepEqual(results, []);
    const applied = await db.selectFrom('kysely_migration').select('name').execute();
    assert.equal(applied.length, ALL_MIGRATIONS.length);
  });

  it('applies nothing when run again on a new connection to the same file', async () => {
    const db = openDb(file);
    assert.deepEqual(await migrateToLatest(db), []);
    await db.destroy();
  });

  it('the migrated schema enforces keys: unique registration_number and the declaration foreign key', async () => {
    const db = openDb(file);
    const now = new Date().toISOString();
    const declaration = {
      registration_number: 'R-1',
      password_hash: 'h',
      status: 'pending',
      names: '["x"]',
      name_count: 1,
      headcount: 1,
      party: 1,
      league: 0,
      pioneers: 0,
      title: 't',
      behalf: 'self',
      consent: 1,
      channel: 'web',
      locale: 'zh-Hans',
      created_at: now,
      status_changed_at: now,
    };
    const inserted = await db.insertInto('declarations').values(declaration).returning('id').executeTakeFirstOrThrow();
    assert.equal(typeof inserted.id, 'number');
    await assert.rejects(db.insertInto('declarations').values(declaration).execute(), /UNIQUE constraint failed/);
    await assert.rejects(
      db
        .insertInto('declaration_events')
        .values({ declaration_id: inserted.id + 1000, kind: 'submitted', actor: 'a', created_at: now })
        .execute(),
      /FOREIGN KEY constraint failed/,
    );
    await db
      .insertInto('declaration_events')
      .values({ declaration_id: inserted.id, kind: 'submitted', actor: 'a', created_at: now })
      .execute();
  });

  it('a failing migration throws MigrationError naming the migration', async () => {
    const db = openDb(path.join(tempDir, 'failing.sqlite'));
    // A conflicting table makes 0001 fail part-way, after it created `declarations`.
    await sql`create table declaration_events (x integer)`.execute(db);
    await assert.rejects(migrateToLatest(db), (error: unknown) => {
      assert.ok(error instanceof MigrationError);
      assert.match(error.message, /migration 0001-declarations failed: .*declaration_events.*already exists/);
      return true;
    });
    const applied = await db.selectFrom('kysely_migration').select('name').execute();
    assert.deepEqual(applied, []);
  });

  it('a failing migration leaves no partial schema, so it succeeds once the cause is removed', async () => {
    const db = openDb(path.join(tempDir, 'partial.sqlite'));
    await sql`create table declaration_events (x integer)`.execute(db);
    await assert.rejects(migrateToLatest(db), MigrationError);
    assert.ok(!(await tableNames(db)).includes('declarations'), 'declarations was left behind');
    await sql`drop table declaration_events`.execute(db);
    const results = await migrateToLatest(db);
    assert.deepEqual(
      results.map((r) => r.status),
      ALL_MIGRATIONS.map(() => 'Success'),
    );
  });
});
