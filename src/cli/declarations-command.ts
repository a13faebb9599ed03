import { parseArgs } from 'node:util';
import { errorMessage } from '../i18n/index.ts';
import { createServices } from '../composition.ts';
import { SYSTEM_ACTOR } from '../domain/staff/permissions.ts';
import type { ModerationOutcome } from '../services/declaration-service.ts';
import { UsageError, type Command, type CommandIo } from './command.ts';

function report(io: CommandIo, verb: string, outcome: ModerationOutcome): number {
  for (const number of outcome.done) io.out(`${verb} ${number}`);
  for (const { registrationNumber, reason } of outcome.skipped) {
    io.err(`skipped ${registrationNumber}: ${reason === 'notFound' ? 'no such declaration' : 'not pending'}`);
  }
  return outcome.skipped.length === 0 ? 0 : 1;
}

export const declarationsCommand: Command = {
  usage: `tuidang declarations approve <registrationNumber…> [--feedback TEXT]
tuidang declarations reject <registrationNumber…> --reason TEXT
tuidang declarations duplicate <registrationNumber> --of <originalRegistrationNumber>

approve    publishes pending declarations; --feedback is shown to the declarant.
reject     refuses pending declarations; the reason is shown through the receipt.
duplicate  marks a pending or published declaration as the duplicate of its original:
           it is rejected with the "duplicate" reason, leaves the public record, and
           a published one's people come off the day they were counted on. Audited as "cli".
Exits 1 if any number was skipped (unknown, or not pending) or the mark was refused.`,
  async run(args, { config, io }) {
    const [action, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { reason: { type: 'string' }, feedback: { type: 'string' }, of: { type: 'string' } },
    });
    if (positionals.length === 0) throw new UsageError('give at least one registration number');
    if (action !== 'approve' && action !== 'reject' && action !== 'duplicate') throw new UsageError(`unknown action "${action ?? ''}"`);
    if (action === 'reject' && !values.reason?.trim()) throw new UsageError('reject needs --reason "…"');
    if (action === 'duplicate' && positionals.length !== 1) throw new UsageError('duplicate takes one registration number');
    if (action === 'duplicate' && !values.of?.trim()) throw new UsageError('duplicate needs --of ORIGINAL');
    const { services, close } = await createServices(config);
    try {
      const actor = 'cli';
      if (action === 'duplicate') {
        // The console's own path, as the system actor: same checks, same audit entry.
        const marked = await services.moderation.markDuplicate(SYSTEM_ACTOR, positionals[0]!, values.of!.trim());
        if (!marked.ok) {
          io.err(`not marked: ${errorMessage('en', marked.error)}`);
          return 1;
        }
        io.out(`marked ${marked.value.registrationNumber} as a duplicate of ${marked.value.original}`);
        return 0;
      }
      if (action === 'approve') {
        return report(io, 'published', await services.declarations.approve(actor, positionals, values.feedback?.trim()));
      }
      return report(io, 'rejected', await services.declarations.reject(actor, positionals, values.reason!.trim()));
    } finally {
      await close();
    }
  },
};
