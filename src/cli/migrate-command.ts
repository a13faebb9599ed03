import { createDatabase } from '../db/create-db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Command } from './command.ts';

export const migrateCommand: Command = {
  usage: `tuidang migrate

Applies every pending migration to DATABASE_URL (default: SQLite under TUIDANG_DATA_DIR).
Safe to run again: applied migrations are skipped.`,
  async run(args, { config, io }) {
    if (args.length > 0) throw new Error(`migrate takes no arguments, got: ${args.join(' ')}`);
    const database = createDatabase(config.databaseUrl);
    try {
      const results = await migrateToLatest(database.db);
      if (results.length === 0) io.out('Database is up to date.');
      for (const result of results) io.out(`applied ${result.migrationName}`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
