import { parseArgs } from 'node:util';
import { createServices } from '../main.ts';
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
  name: 'declarations',
  summary: 'Publish or reject declarations (moderation from the command line).',
  usage: `tuidang declarations approve <registrationNumber…> [--feedback TEXT]
tuidang declarations reject <registrationNumber…> --reason TEXT

approve  publishes pending declarations; --feedback is shown to the declarant.
reject   refuses pending declarations; the reason is shown through the receipt.
Exits 1 if any number was skipped (unknown, or not pending).`,
  async run(args, { config, io }) {
    const [action, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { reason: { type: 'string' }, feedback: { type: 'string' } },
    });
    if (positionals.length === 0) throw new UsageError('give at least one registration number');
    if (action !== 'approve' && action !== 'reject') throw new UsageError(`unknown action "${action ?? ''}"`);
    if (action === 'reject' && !values.reason?.trim()) throw new UsageError('reject needs --reason "…"');
    const services = await createServices(config);
    try {
      const actor = 'cli';
      if (action === 'approve') {
        return report(io, 'published', await services.declarations.approve(actor, positionals, values.feedback?.trim()));
      }
      return report(io, 'rejected', await services.declarations.reject(actor, positionals, values.reason!.trim()));
    } finally {
      await services.database.close();
    }
  },
};
