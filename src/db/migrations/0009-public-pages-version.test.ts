import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/helpers/databases.ts';
import { newDeclaration } from '../../../test/helpers/declarations.ts';
import { makeTempDir } from '../../../test/helpers/test-context.ts';
import { declarationsRepository } from '../../repositories/declarations/index.ts';
import { pendingRow } from '../../repositories/declarations/inserts.ts';
import { createDatabase, type DatabaseHandle } from '../create-db.ts';
import { withoutSqliteForeignKeys } from '../engine.ts';
import { migrateToLatest } from '../migrate.ts';
import type { Database } from '../schema.ts';
import { migrationProvider } from './index.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const engine of testEngines()) {
  describe(`migration 0009: the public pages' version (${engine})`, () => {
    const dir = makeTempDir();
    let database: TestDatabase;
    let handle: DatabaseHandle;
    let db: Kysely<Database>;
    let serial = 0;
    const version = async () => (await declarationsRepository.publicPagesVersion(db)).rows;

    async function declaration(status: 'pending' | 'published'): Promise<number> {
      serial++;
      // Without the text key of migration 0032, which this registry predates.
      const { text_key: _key, ...row } = pendingRow(newDeclaration(serial));
      const { id } = await db
        .insertInto('declarations')
        .values({ ...row, status, published_at: status === 'published' ? row.created_at : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    }
    const retitle = (executor: Kysely<Database>, id: number, title: string) =>
      executor.updateTable('declarations').set({ title }).where('id', '=', id).execute();

    before(async () => {
      database = await createTestDatabase(engine, dir);
      handle = createDatabase(database.url);
      db = handle.db;
      await migrateToLatest(db);
    });
    after(async () => {
      await handle.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('moves with every change to a published declaration, and with nothing else', async () => {
      const start = await version();
      const pending = await declaration('pending');
      const published = await declaration('published');
      await retitle(db, pending, '改过的声明');
      await db.updateTable('declarations').set({ status: 'published' }).where('id', '=', pending).execute();
      assert.equal(await version(), start, 'new declarations, changes before publication and publication itself leave it');
      await retitle(db, published, '改过的声明');
      assert.equal(await version(), start + 1, 'a published declaration changed');
      await db.updateTable('declarations').set({ status: 'retracted' }).where('id', '=', published).execute();
      await retitle(db, published, '又改过');
      assert.equal(await version(), start + 2, 'leaving publication moves it; later changes to the unpublished row do not');
      await db.transaction().execute(async (trx) => {
        await retitle(trx, pending, '一');
        await retitle(trx, pending, '二');
      });
      assert.equal(await version(), start + 4, 'each change in a transaction');
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await retitle(trx, pending, '三');
          throw new Error('rolled back');
        }),
      );
      assert.equal(await version(), start + 4, 'a change rolled back leaves it');
      await db.deleteFrom('declaration_events').where('declaration_id', '=', pending).execute();
      await db.deleteFrom('search_grams').where('declaration_id', '=', pending).execute();
      await db.deleteFrom('declarations').where('id', '=', pending).execute();
      assert.equal(await version(), start + 5, 'a published declaration deleted');
    });

    if (engine === 'postgres') {
      test('two moderators changing each other’s declarations wait for each other instead of deadlocking', async () => {
        const [first, second] = [await declaration('published'), await declaration('published')];
        const start = await version();
        let firstChanged!: () => void;
        const firstHasChanged = new Promise<void>((resolve) => (firstChanged = resolve));
        let secondChanged!: () => void;
        const secondHasChanged = new Promise<void>((resolve) => (secondChanged = resolve));
        const a = db.transaction().execute(async (trx) => {
          await retitle(trx, first, 'A 改一');
          firstChanged();
          await secondHasChanged;
          await retitle(trx, second, 'A 改二'); // waits for B's commit
        });
        const b = db.transaction().execute(async (trx) => {
          await firstHasChanged;
          const changing = retitle(trx, second, 'B 改二');
          await sleep(100);
          secondChanged();
          await changing;
          await sleep(200); // A is now waiting for this row
        });
        await Promise.all([a, b]);
        assert.equal(await version(), start + 3);
        const titles = await db.selectFrom('declarations').select('title').where('id', 'in', [first, second]).orderBy('id').execute();
        assert.deepEqual(
          titles.map((row) => row.title),
          ['A 改一', 'A 改二'],
        );
      });
    }

    test('migrating down removes the version and its triggers; up brings them back', async () => {
      const migrator = new Migrator({ db, provider: migrationProvider });
      const { error } = await withoutSqliteForeignKeys(db, () => migrator.migrateTo('0008-registration-serials'));
      assert.equal(error, undefined);
      const published = await declaration('published');
      await retitle(db, published, '没有触发器');
      await assert.rejects(sql`select version from public_pages_version`.execute(db));
      await migrateToLatest(db);
      assert.equal(await version(), 0);
      await retitle(db, published, '又有了');
      assert.equal(await version(), 1);
    });
  });
}
