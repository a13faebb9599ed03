import type { Kysely } from 'kysely';
import { Migrator, type MigrationResult } from 'kysely/migration';
import { withoutSqliteForeignKeys } from './engine.ts';
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
  return results;
}
