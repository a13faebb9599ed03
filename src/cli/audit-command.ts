import { createServices } from '../composition.ts';
import type { AuditBreak } from '../repositories/audit-repository.ts';
import { UsageError, type Command } from './command.ts';

const CAUSES: Record<AuditBreak, string> = {
  link: 'an entry before it was removed or reordered',
  hash: 'its content was altered, or its link was made without the audit key',
  unkeyed: 'its link is unkeyed where the chain is keyed',
  anchor: 'it differs from, or is missing against, the head anchored in the data dir',
  tail: 'the log ends before this entry, which the data dir anchored: the last entries were deleted',
};

export const auditCommand: Command = {
  usage: `tuidang audit verify

Recomputes the audit log's chain, keyed with the audit key in the data dir, from
the first entry to the last, and checks it against the heads anchored in
<data dir>/audit-anchors. Exits 0 if every entry links to the one before it, its
link matches its content, and every anchored head is still there; exits 1 naming
the first entry that was altered, removed or reordered, or the last anchored
entry when the end of the log was deleted.`,
  async run(args, { config, io }) {
    if (args[0] !== 'verify' || args.length > 1) throw new UsageError('usage: tuidang audit verify');
    const { services, close } = await createServices(config);
    try {
      const result = await services.audit.verify();
      if (result.malformedAnchors > 0) io.err(`${result.malformedAnchors} line(s) of the anchors file do not parse.`);
      if (result.brokenAt === null) {
        io.out(`Audit log intact: ${result.checked} entries verified.`);
        return result.malformedAnchors > 0 ? 1 : 0;
      }
      const cause = CAUSES[result.reason ?? 'hash'];
      io.err(`Audit log BROKEN at entry ${result.brokenAt} (${cause}); ${result.checked} entries before it are intact.`);
      return 1;
    } finally {
      await close();
    }
  },
};
