import { createDatabase } from '../db/create-db.ts';
import { auditRepository } from '../repositories/audit-repository.ts';
import { UsageError, type Command } from './command.ts';

export const auditCommand: Command = {
  usage: `tuidang audit verify

Recomputes the hash chain of the audit log from the first entry to the last.
Exits 0 if every entry links to the one before it and its hash matches its
content; exits 1 naming the first entry that was altered, removed or reordered.`,
  async run(args, { config, io }) {
    if (args[0] !== 'verify' || args.length > 1) throw new UsageError('usage: tuidang audit verify');
    const database = createDatabase(config.databaseUrl);
    try {
      const result = await auditRepository.verify(database.db);
      if (result.brokenAt === null) {
        io.out(`Audit log intact: ${result.checked} entries verified.`);
        return 0;
      }
      const cause = result.reason === 'link' ? 'an entry before it was removed or reordered' : 'its content was altered';
      io.err(`Audit log BROKEN at entry ${result.brokenAt} (${cause}); ${result.checked} entries before it are intact.`);
      return 1;
    } finally {
      await database.close();
    }
  },
};
