import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Migrator } from 'kysely/migration';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/helpers/databases.ts';
import { newDeclaration } from '../../../test/helpers/declarations.ts';
import { makeTempDir } from '../../../test/helpers/test-context.ts';
import { statementTextKey } from '../../domain/declaration/text-key.ts';
import { pendingRow } from '../../repositories/declarations/inserts.ts';
import { createDatabase, type DatabaseHandle } from '../create-db.ts';
import { withoutSqliteForeignKeys } from '../engine.ts';
import { migrateToLatest } from '../migrate.ts';
import { migrationProvider } from './index.ts';

const THIS_MIGRATION = '0032-text-keys';
const STATEMENT = '我聲明退出中共及其一切附屬組織，願中國早日自由。';

for (const engine of testEngines()) {
  describe(`migration 0032: text keys of statements (${engine})`, () => {
    let database: TestDatabase;
    let handle: DatabaseHandle;
    const rows: { id: number; status: string; statement: string | null }[] = [];

    before(async () => {
      database = await createTestDatabase(engine, makeTempDir());
      handle = createDatabase(database.url);
      const names = Object.keys(await migrationProvider.getMigrations());
      const previous = names[names.indexOf(THIS_MIGRATION) - 1]!;
      const { error } = await withoutSqliteForeignKeys(handle.db, () =>
        new Migrator({ db: handle.db, provider: migrationProvider }).migrateTo(previous),
      );
      if (error) throw error;
      const specs = [
        { status: 'pending', statement: STATEMENT },
        { status: 'pending', statement: '。。。' },
        { status: 'pending', statement: null },
        { status: 'published', statement: STATEMENT },
      ] as const;
      for (const [i, spec] of specs.entries()) {
        const { text_key: _key, ...row } = pendingRow(newDeclaration(i + 1, { statement: spec.statement }));
        const { id } = await (handle.db as any)
          .insertInto('declarations')
          .values({ ...row, status: spec.status })
          .returning('id')
          .executeTakeFirstOrThrow();
        rows.push({ id, ...spec });
      }
      await migrateToLatest(handle.db);
    });
    after(async () => {
      await handle.close();
      await database.drop();
    });

    test('pending declarations get their key; rows the queue no longer looks at, and empty statements, have none', async () => {
      const keys = await handle.db.selectFrom('declarations').select(['id', 'text_key']).orderBy('id').execute();
      assert.deepEqual(
        keys.map((row) => row.text_key),
        [statementTextKey(STATEMENT), null, null, null],
      );
      assert.notEqual(statementTextKey(STATEMENT), null);
    });
  });
}
