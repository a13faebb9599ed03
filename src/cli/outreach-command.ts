import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createServices } from '../composition.ts';
import { SYSTEM_ACTOR } from '../domain/staff/permissions.ts';
import { errorMessage } from '../i18n/index.ts';
import type { ImportSummary } from '../services/outreach/import-service.ts';
import { UsageError, type Command, type CommandIo } from './command.ts';

/** The file's bytes, opened only if the import reads them and closed however the reading ends. */
async function* chunksOf(file: string): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(file);
  try {
    yield* stream;
  } finally {
    stream.destroy();
  }
}

function printSummary(io: CommandIo, summary: ImportSummary): void {
  for (const error of summary.errors) io.err(`line ${error.line}: ${errorMessage('en', error.code, error.params)}`);
  // Only the first problems are kept (MAX_KEPT_ERRORS); the count covers every refused line.
  const listed = summary.errors.filter((error) => error.line > 1).length;
  if (summary.invalid > listed) io.err(`(${summary.invalid - listed} more refused lines not listed)`);
  io.out(
    `${summary.rows} rows: ${summary.accepted} contacts, ${summary.duplicates} duplicates, ` +
      `${summary.doNotCall} on the do-not-call list, ${summary.invalid} refused`,
  );
}

export const outreachCommand: Command = {
  usage: `tuidang outreach import --campaign ID FILE [--dry-run]

Imports a call list (CSV, UTF-8, a header row naming the columns phone, name, title,
organisation, region and notes, in English or Chinese) into a campaign. The file is
streamed, so its length does not matter; numbers are normalised to E.164, duplicates and
numbers on the do-not-call list are left out, and each refused line is printed with why.
--dry-run reads and checks the whole file and keeps nothing.
Audited as "cli". Exits 1 if the file could not be read or the campaign does not exist.`,
  async run(args, { config, io }) {
    const [action, ...rest] = args;
    if (action !== 'import') throw new UsageError(`unknown action "${action ?? ''}"`);
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { campaign: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    });
    const campaignId = Number(values.campaign);
    if (!values.campaign || !Number.isSafeInteger(campaignId) || campaignId <= 0) throw new UsageError('import needs --campaign ID');
    if (positionals.length !== 1) throw new UsageError('import takes one FILE');
    const file = positionals[0]!;
    try {
      if (!statSync(file).isFile()) throw new UsageError(`${file} is not a file`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      io.err(`cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }

    const { services, close } = await createServices(config);
    try {
      const { imports } = services.outreach;
      const staged = await imports.stage(SYSTEM_ACTOR, campaignId, chunksOf(file), (rows) => io.err(`read ${rows} rows`));
      if (!staged.ok) {
        io.err(`not imported: ${errorMessage('en', staged.error)}`);
        return 1;
      }
      if (staged.value.kind === 'unreadable') {
        const { problem } = staged.value;
        io.err(`not imported: line ${problem.line}: ${errorMessage('en', problem.code, problem.params)}`);
        return 1;
      }
      const summary = staged.value.summary;
      printSummary(io, summary);
      if (values['dry-run']) {
        await imports.discard(SYSTEM_ACTOR, summary.importId);
        io.out('dry run: nothing kept');
        return 0;
      }
      const committed = await imports.commit(SYSTEM_ACTOR, summary.importId);
      if (!committed.ok) {
        io.err(`not imported: ${errorMessage('en', committed.error)}`);
        return 1;
      }
      io.out(`imported ${committed.value.accepted} contacts into campaign ${campaignId} (import ${summary.importId})`);
      return 0;
    } finally {
      await close();
    }
  },
};
