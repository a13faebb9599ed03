import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { createTestDatabase, testEngines } from '../../../test/helpers/databases.ts';
import { makeTempDir } from '../../../test/helpers/test-context.ts';
import { createDatabase } from '../create-db.ts';
import { withoutSqliteForeignKeys } from '../engine.ts';
import { migrateToLatest } from '../migrate.ts';
import { migrationProvider } from './index.ts';

const THIS_MIGRATION = '0031-contact-rotation';

for (const engine of testEngines()) {
  describe(`migration 0031: the contact rotation's index (${engine})`, () => {
    test('an index built beforehand, as docs/operations.md tells PostgreSQL operators who keep writing, is kept', async () => {
      const database = await createTestDatabase(engine, makeTempDir());
      const handle = createDatabase(database.url);
      try {
        const names = Object.keys(await migrationProvider.getMigrations());
        const previous = names[names.indexOf(THIS_MIGRATION) - 1]!;
        const { error } = await withoutSqliteForeignKeys(handle.db, () =>
          new Migrator({ db: handle.db, provider: migrationProvider }).migrateTo(previous),
        );
        if (error) throw error;
        // The statement operations.md gives, less CONCURRENTLY on SQLite, which has no such build.
        const concurrently = engine === 'postgres' ? sql`concurrently` : sql``;
        await sql`create index ${concurrently} if not exists declarations_contact_ids on declarations (id) where contact_sealed is not null`.execute(
          handle.db,
        );
        await migrateToLatest(handle.db);
        const applied = (await new Migrator({ db: handle.db, provider: migrationProvider }).getMigrations()).filter((m) => m.executedAt);
        assert.ok(applied.some((m) => m.name === THIS_MIGRATION));
      } finally {
        await handle.close();
        await database.drop();
      }
    });
  });
}
