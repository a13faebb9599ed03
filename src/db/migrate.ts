import type { Kysely } from 'kysely';
import { Migrator, type MigrationResult } from 'kysely/migration';
import { restoreDeferredIndexes } from './deferred-indexes.ts';
import { sqliteForeignKeyViolations, withoutSqliteForeignKeys } from './engine.ts';
import { migrationProvider } from './migrations/index.ts';

export class MigrationError extends Error {}

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  // A migration may rebuild a SQLite table, which SQLite does with foreign keys off (engine.ts).
  const { error, results = [] } = await withoutSqliteForeignKeys(db, () => migrator.migrateToLatest());
  if (error) {
    const failed = results.find((result) => result.status === 'Error');
    throw new MigrationError(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, {
      cause: error,
    });
  }
  // Foreign keys were off while migrating (engine.ts); a migration that broke one must not pass unnoticed.
  if (results.length > 0) {
    const violations = await sqliteForeignKeyViolations(db);
    if (violations > 0) throw new MigrationError(`the migrations left ${violations} rows whose foreign key points nowhere`);
  }
  // A bulk import stopped by a crash left indexes dropped: no process works on the table before they are back.
  await restoreDeferredIndexes(db);
  return results;
}
