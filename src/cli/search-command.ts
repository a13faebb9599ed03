import { createDatabase } from '../db/create-db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { reindexAll } from '../repositories/archive-repository.ts';
import { UsageError, type Command } from './command.ts';

export const searchCommand: Command = {
  usage: `tuidang search reindex

Indexes every published declaration for title and region search, in short
transactions so a running service keeps working. Safe to run again. Needed
once on an installation that had declarations before the archive existed;
publication and retraction keep the index current afterwards.`,
  async run(args, { config, io }) {
    if (args[0] !== 'reindex' || args.length > 1) throw new UsageError('usage: tuidang search reindex');
    const database = createDatabase(config.databaseUrl);
    try {
      await migrateToLatest(database.db);
      const indexed = await reindexAll(database.db);
      io.out(`Indexed ${indexed.toLocaleString('en')} published declarations for search.`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
