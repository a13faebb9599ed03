import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createServices } from '../composition.ts';
import { MAX_DAY_FIGURE, MAX_FILE_BYTES, type TotalsProblem } from '../domain/history/legacy-totals-csv.ts';
import type { TotalsImportReport } from '../services/history/history-service.ts';
import { UsageError, type Command, type CommandIo } from './command.ts';

const MESSAGES: Record<TotalsProblem['code'], (detail: string) => string> = {
  'file.empty': () => 'the file has no lines of figures (a header row and at least one day are needed)',
  'file.tooLarge': (limit) => `the file is larger than ${limit} bytes, too large for an export of day totals`,
  'file.encoding': () => 'the file is not UTF-8 text; save it as UTF-8 (CSV UTF-8) and try again',
  'file.malformed': () => 'the file is not valid CSV here (an unclosed quote or a runaway field)',
  'file.tooManyLines': (limit) => `the file has more than ${limit} days`,
  'header.unknownColumn': (name) => `unknown column "${name}"; the columns are date, people, posts, party, league, pioneers, source`,
  'header.repeatedColumn': () => 'this column is named twice',
  'header.missingColumn': () => 'this column is required',
  'line.columnCount': (count) => `the line should have ${count} fields, as the header has`,
  'date.invalid': () => 'not a real date written YYYY-MM-DD',
  'date.tooEarly': (first) => `before the first day of the movement (${first})`,
  'date.tooLate': (today) => `after today (${today})`,
  'date.repeated': (line) => `the same day is on line ${line}`,
  'number.invalid': () => 'not a whole number of zero or more, written with digits only',
  'number.tooLarge': (limit) => `more than ${limit} in a day`,
  'number.moreThanPeople': () => 'larger than the day\u2019s people',
  'text.unsafe': () => 'contains control or direction characters, or bytes that are not text',
  'text.tooLong': (limit) => `longer than ${limit} characters`,
};

function describeProblem(problem: TotalsProblem): string {
  const where = problem.line === 0 ? 'file' : `line ${problem.line}`;
  const column = problem.column ? `, ${problem.column}` : '';
  return `${where}${column}: ${MESSAGES[problem.code](problem.detail ?? '')}`;
}

function describeReport(report: TotalsImportReport, io: CommandIo): void {
  const verb = report.dryRun ? 'would be' : 'were';
  io.out(
    `${report.days} day(s) read: ${report.added} ${verb} added, ${report.replaced} ${verb} replaced, ${report.unchanged} already as in the file.`,
  );
  if (report.replacedDays.length > 0)
    io.out(`Replaced: ${report.replacedDays.join(', ')}${report.replaced > report.replacedDays.length ? ', …' : ''}`);
  io.out(`People carried over: ${report.carried.before} before, ${report.carried.after} after.`);
  if (report.dryRun) io.out('Dry run: nothing was written.');
}

/** Reads at most one byte past the limit, so a huge file is refused without reading it all. */
async function readLimited(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file' : (error.code ?? error.message)}`);
  });
  try {
    if (!(await file.stat()).isFile()) throw new UsageError(`${path} is not a file`);
    const buffer = new Uint8Array(MAX_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, length, buffer.length - length);
      length += bytesRead;
      if (bytesRead === 0 || length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } finally {
    await file.close();
  }
}

export const historyCommand: Command = {
  usage: `tuidang history import-totals FILE.csv [--dry-run]
       tuidang history import-posts FILE [--batch LINES] [--bulk]

Carries the previous registry's published day totals over (docs/history.md,
docs/operations.md "Carrying the history over"). FILE.csv is UTF-8 with a
header row: date (YYYY-MM-DD, in the counting time zone) and people are
required; posts, party, league, pioneers (whole numbers, at most ${MAX_DAY_FIGURE}
a day, none above the day's people) and source (a note) are optional.

Every line is checked first: if any is wrong, each error is printed with its
line and nothing is written (exit 1). Otherwise the whole file is written in
one transaction: new days are added, days whose figures differ are replaced
(each replacement in the audit log), days that match are left alone, so
importing the same file again changes nothing. --dry-run prints what would
change and writes nothing.

import-posts holds the old archive's posts here as published statements, on
their original dates (FILE is JSON Lines or CSV with a header; the fields are
in docs/history.md). It reads the file as a stream, a batch of LINES lines
(default 5000) per transaction, into a running registry. Each refused line is
printed with its number and writes nothing. Interrupted (Ctrl-C, or killed), it
goes on from the last batch written when run again on the same file; run on a
file already imported, it writes nothing.

--bulk (SQLite, the service stopped, a registry holding no statement registered
here): the same import, several times faster. It holds the registry alone while
it runs, drops the secondary indexes of the statements and builds them once at
the end (docs/performance.md, "Importing the old archive"). It refuses a
registry that another process has open.`,
  async run(args, { config, io }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' }, batch: { type: 'string' }, bulk: { type: 'boolean' } },
    });
    if (positionals[0] === 'import-posts' && positionals.length === 2) {
      const { importPosts } = await import('./history-posts.ts');
      return await importPosts(positionals[1]!, { batch: values.batch, bulk: values.bulk === true }, config, io);
    }
    if (positionals[0] !== 'import-totals' || positionals.length !== 2)
      throw new UsageError('usage: tuidang history import-totals FILE.csv [--dry-run] | import-posts FILE [--batch LINES] [--bulk]');
    const bytes = await readLimited(positionals[1]!);
    const { services, close } = await createServices(config);
    try {
      const result = await services.history.importTotals(bytes, { dryRun: values['dry-run'] === true, actor: 'cli' });
      if (!result.ok) {
        for (const problem of result.problems) io.err(describeProblem(problem));
        io.err(`Nothing was imported: ${result.problems.length} problem(s) in ${positionals[1]}.`);
        return 1;
      }
      describeReport(result.report, io);
      return 0;
    } finally {
      await close();
    }
  },
};
