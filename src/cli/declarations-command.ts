import { parseArgs } from 'node:util';
import { errorMessage } from '../i18n/index.ts';
import { createServices } from '../composition.ts';
import { SYSTEM_ACTOR } from '../domain/staff/permissions.ts';
import { MAX_BULK, type BulkOutcome } from '../services/moderation/decisions.ts';
import { ok, type Result } from '../services/result.ts';
import { UsageError, type Command, type CommandIo } from './command.ts';

/**
 * Decides the numbers MAX_BULK at a time, each part in a transaction of its own, as the console
 * decides a page; a refusal (bad feedback or reason) stops before anything changes.
 */
async function decideAll(
  numbers: readonly string[],
  decide: (part: readonly string[]) => Promise<Result<BulkOutcome>>,
): Promise<Result<BulkOutcome>> {
  const outcome: BulkOutcome = { done: [], skipped: [] };
  for (let start = 0; start < numbers.length; start += MAX_BULK) {
    const part = await decide(numbers.slice(start, start + MAX_BULK));
    if (!part.ok) return part;
    outcome.done.push(...part.value.done);
    outcome.skipped.push(...part.value.skipped);
  }
  return ok(outcome);
}

function report(io: CommandIo, verb: string, result: Result<BulkOutcome>): number {
  if (!result.ok) {
    io.err(`not ${verb}: ${errorMessage('en', result.error)}`);
    return 1;
  }
  for (const number of result.value.done) io.out(`${verb} ${number}`);
  for (const { registrationNumber, reason } of result.value.skipped) {
    io.err(`skipped ${registrationNumber}: ${reason === 'notFound' ? 'no such declaration' : 'not pending'}`);
  }
  return result.value.skipped.length === 0 ? 0 : 1;
}

export const declarationsCommand: Command = {
  usage: `tuidang declarations approve <registrationNumber…> [--feedback TEXT]
tuidang declarations reject <registrationNumber…> --reason TEXT [--feedback TEXT]
tuidang declarations duplicate <registrationNumber> --of <originalRegistrationNumber>

approve    publishes pending declarations; --feedback is shown to the declarant.
reject     refuses pending declarations; the reason is shown through the receipt.
duplicate  marks a pending or published declaration as the duplicate of its original:
           it is rejected with the "duplicate" reason, leaves the public record, and
           a published one's people come off the day they were counted on.
Each takes the console's path, with its checks, as the system actor: audited as "cli".
Exits 1 if any number was skipped (unknown, or not pending) or the decision was refused.`,
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
      const { moderation } = services;
      if (action === 'duplicate') {
        const marked = await moderation.markDuplicate(SYSTEM_ACTOR, positionals[0]!, values.of!.trim());
        if (!marked.ok) {
          io.err(`not marked: ${errorMessage('en', marked.error)}`);
          return 1;
        }
        io.out(`marked ${marked.value.registrationNumber} as a duplicate of ${marked.value.original}`);
        return 0;
      }
      if (action === 'approve') {
        return report(io, 'published', await decideAll(positionals, (part) => moderation.approve(SYSTEM_ACTOR, part, values.feedback)));
      }
      return report(
        io,
        'rejected',
        await decideAll(positionals, (part) => moderation.reject(SYSTEM_ACTOR, part, values.reason!, values.feedback)),
      );
    } finally {
      await close();
    }
  },
};
