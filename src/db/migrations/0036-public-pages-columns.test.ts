import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { createMigratedTestDatabase, testEngines, type TestDatabase } from '../../../test/helpers/databases.ts';
import { newDeclaration } from '../../../test/helpers/declarations.ts';
import { makeTempDir } from '../../../test/helpers/test-context.ts';
import { declarationsRepository } from '../../repositories/declarations/index.ts';
import { pendingRow } from '../../repositories/declarations/inserts.ts';
import { createDatabase, type DatabaseHandle } from '../create-db.ts';
import { isPostgres } from '../engine.ts';
import type { Database } from '../schema.ts';
import { UNSHOWN_COLUMNS } from './0036-public-pages-columns.ts';

/** The columns the update trigger of the public pages' version fires on, as the database holds it. */
async function triggerColumns(db: Kysely<Database>): Promise<string[]> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ name: string }>`
      select a.attname as name from pg_trigger t
      join pg_attribute a on a.attrelid = t.tgrelid and a.attnum = any (t.tgattr)
      where t.tgname = 'declarations_public_update'`.execute(db);
    return rows.map((row) => row.name);
  }
  const { rows } = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'trigger' and name = 'declarations_public_update'`.execute(db);
  const list = /after update of (.*?) on declarations/is.exec(rows[0]!.sql)![1]!;
  return list.split(',').map((column) => column.trim().replace(/^"|"$/g, ''));
}

async function tableColumns(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.find((table) => table.name === 'declarations')!.columns.map((column) => column.name);
}

for (const engine of testEngines()) {
  describe(`migration 0036: the public pages' version follows the columns pages show (${engine})`, () => {
    const dir = makeTempDir();
    let database: TestDatabase;
    let handle: DatabaseHandle;
    let db: Kysely<Database>;
    const version = async () => (await declarationsRepository.publicPagesVersion(db)).rows;

    before(async () => {
      database = await createMigratedTestDatabase(engine, dir);
      handle = createDatabase(database.url);
      db = handle.db;
    });
    after(async () => {
      await handle.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('every column of a declaration moves the version when written, but its sealed contact and its password hash', async () => {
      const shown = await triggerColumns(db);
      const all = await tableColumns(db);
      assert.deepEqual(
        [...shown, ...UNSHOWN_COLUMNS].sort(),
        [...all].sort(),
        'a column added to declarations needs a migration that adds it to the trigger, or a reason it is never shown',
      );
    });

    test('purging or re-sealing a contact leaves the version; any shown change moves it', async () => {
      const { text_key: _key, ...row } = pendingRow(newDeclaration(1));
      const { id } = await db
        .insertInto('declarations')
        .values({ ...row, text_key: null, status: 'published', published_at: row.created_at, contact_sealed: 'sealed' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const start = await version();
      await db.updateTable('declarations').set({ contact_sealed: null }).where('id', '=', id).execute();
      await db.updateTable('declarations').set({ contact_sealed: 'resealed', password_hash: 'rehashed' }).where('id', '=', id).execute();
      assert.equal(await version(), start);
      await db.updateTable('declarations').set({ title: '改过' }).where('id', '=', id).execute();
      assert.equal(await version(), start + 1);
      await db.updateTable('declarations').set({ contact_sealed: null, featured_on: '2025-03-01' }).where('id', '=', id).execute();
      assert.equal(await version(), start + 2);
    });
  });
}
