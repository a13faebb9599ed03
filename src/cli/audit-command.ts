import { readFileSync } from 'node:fs';
import { createServices } from '../composition.ts';
import type { AnchorSource, AuditBreak } from '../repositories/audit-repository.ts';
import { UsageError, type Command } from './command.ts';

const CAUSES: Record<AuditBreak, string> = {
  link: 'an entry before it was removed or reordered',
  hash: 'its content was altered, or its link was made without the audit key',
  unkeyed: 'its link is unkeyed where the chain is keyed',
  anchor: 'it differs from, or is missing against, the head anchored outside the database',
  tail: 'the log ends before this entry, which was anchored outside the database: the last entries were deleted',
};

const sourceName = (source: AnchorSource) => {
  if (source === 'file') return 'the anchors file';
  return `the transparency log's checkpoint of size ${source.checkpoint}${source.outside ? ' given with --checkpoint' : ''}`;
};

/** The notes of `--checkpoint FILE` (repeated): a mirror's `checkpoint` file, or any copy kept away from the database. */
function outsideCheckpoints(args: readonly string[]): string[] {
  const notes: string[] = [];
  for (let i = 1; i < args.length; i += 2) {
    const path = args[i + 1];
    if (args[i] !== '--checkpoint' || path === undefined) throw new UsageError(USAGE);
    try {
      notes.push(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read the checkpoint ${path}: ${(error as Error).message}`);
    }
  }
  return notes;
}

const USAGE = 'usage: tuidang audit verify [--checkpoint FILE]...';

export const auditCommand: Command = {
  usage: `tuidang audit verify [--checkpoint FILE]...

Recomputes the audit log's chain, keyed with the audit key in the data dir, from
the first entry to the last, and checks it against the heads anchored outside the
database: in <data dir>/audit-anchors, and in the transparency log's signed
checkpoints (each checked under the log's key). Exits 0 if every entry links to
the one before it, its link matches its content, and every anchored head is still
there; exits 1 naming the first entry that was altered, removed or reordered, or
the last anchored entry when the end of the log was deleted, with the anchors that
say so, or when a stored checkpoint does not verify.

--checkpoint FILE  a checkpoint kept away from the database, such as a mirror's
                   \`checkpoint\` file: its anchored head is checked too, so newest
                   checkpoints deleted from the database with the entries they
                   anchored are still caught. Repeatable.`,
  async run(args, { config, io }) {
    if (args[0] !== 'verify') throw new UsageError(USAGE);
    const outside = outsideCheckpoints(args);
    const { services, close } = await createServices(config);
    try {
      const result = await services.audit.verify(outside);
      if (result.malformedAnchors > 0) io.err(`${result.malformedAnchors} line(s) of the anchors file do not parse.`);
      const unverified = result.unverifiedCheckpoints ?? [];
      if (unverified.length > 0)
        io.err(
          `${unverified.length} checkpoint(s) do not verify under the log's keys, so their audit anchors cannot be read (sizes ${unverified.slice(0, 10).join(', ')}${unverified.length > 10 ? ', …' : ''}).`,
        );
      if (result.brokenAt === null) {
        io.out(`Audit log intact: ${result.checked} entries verified.`);
        return result.malformedAnchors > 0 || unverified.length > 0 ? 1 : 0;
      }
      const cause = CAUSES[result.reason ?? 'hash'];
      const by = result.anchoredBy?.length ? `; anchored by ${result.anchoredBy.map(sourceName).join(' and ')}` : '';
      io.err(`Audit log BROKEN at entry ${result.brokenAt} (${cause}${by}); ${result.checked} entries before it are intact.`);
      return 1;
    } finally {
      await close();
    }
  },
};
