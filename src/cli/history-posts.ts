import { basename } from 'node:path';
import { bulkPostImport, createServices } from '../composition.ts';
import type { Config } from '../config.ts';
import type { PostProblem } from '../domain/history/legacy-post.ts';
import { errorMessage, isErrorCode } from '../i18n/index.ts';
import type { PostImportProgress } from '../services/history/post-import.ts';
import type { BulkProblem } from '../services/history/post-bulk.ts';
import type { FileProblem } from '../services/history/post-source.ts';
import { UsageError, type CommandIo } from './command.ts';

/** The export's own problems; the form's (names, organisations, text) are worded by the English catalog. */
const POST_MESSAGES: Record<string, (params: Record<string, string | number>) => string> = {
  'legacyId.invalid': () => 'not a legacy id (a whole number from 1, digits only)',
  'legacyId.taken': () => 'this legacy id is held by another post, under another registration number',
  'number.invalid': () => 'not a registration number (16 digits whose last is the check digit)',
  'number.taken': ({ id }) => `this registration number is held by the post with legacy id ${id}`,
  'number.issuedHere': () =>
    'this registration number was issued by this registry to a statement registered here, which keeps it; the post is not imported',
  'published.invalid': () => 'not a time written YYYY-MM-DD HH:MM:SS (optionally with T, and Z or an offset)',
  'published.tooEarly': ({ first }) => `before the first day of the movement (${first})`,
  'published.future': () => 'in the future',
  'password.invalid': ({ max }) => `not a query password (1 to ${max} printable characters)`,
  'line.malformed': () => 'not a post: a JSON object per line, or a CSV line with its quotes closed',
  'line.columnCount': () => 'the line does not have as many fields as the header',
  'line.encoding': () => 'the line is not UTF-8 text',
  'line.tooLong': () => 'the line is far longer than any post',
  'consent.invalid': () => 'not a yes or no',
};

const BULK_MESSAGES: Record<BulkProblem['code'], string> = {
  'bulk.engine': '--bulk works on a SQLite registry only; on PostgreSQL, import without it',
  'bulk.busy': 'another process has the registry open (the service, or another command): stop it, or import without --bulk',
  'bulk.notImportOnly': 'the registry holds statements registered here: import without --bulk, which writes beside them',
};

const FILE_MESSAGES: Record<FileProblem['code'], (detail: string) => string> = {
  'file.unreadable': (detail) => `cannot read it (${detail})`,
  'file.empty': () => 'it holds no posts',
  'header.unknownColumn': (name) =>
    `unknown column "${name}"; the columns are id, number, published, title, names, headcount, orgs, region, statement, featured, feedback, password`,
  'header.repeatedColumn': (name) => `the column ${name} is named twice`,
  'header.missingColumn': (name) => `the column ${name} is required`,
};

function describe(problem: PostProblem): string {
  const params = problem.params ?? {};
  const local = POST_MESSAGES[problem.code];
  const text = local ? local(params) : isErrorCode(problem.code) ? errorMessage('en', problem.code, params) : problem.code;
  return problem.field === 'line' ? text : `${problem.field}: ${text}`;
}

const number = (value: number) => Math.round(value).toLocaleString('en');

/** A progress line on stderr (in place on a terminal, else at most every two seconds) with the live rate. */
function progressDisplay(io: CommandIo) {
  const tty = process.stderr.isTTY;
  const started = performance.now();
  let last = { at: started, lines: -1 };
  let shownAt = 0;
  return {
    show(progress: PostImportProgress) {
      const now = performance.now();
      if (last.lines < 0) last = { at: now, lines: progress.lines };
      if (!tty && now - shownAt < 2000) return;
      const rate = (progress.lines - last.lines) / Math.max((now - last.at) / 1000, 0.001);
      shownAt = now;
      if (now - last.at > 5000) last = { at: now, lines: progress.lines };
      const share = progress.size === 0 ? 1 : progress.bytes / progress.size;
      const line =
        `posts · ${Math.floor(share * 100)}% · line ${number(progress.lines)} · ${number(progress.written)} written, ` +
        `${number(progress.alreadyHeld)} held already, ${number(progress.rejected)} refused · ${number(rate)} lines/s`;
      if (tty) process.stderr.write(`\r${line}\x1b[K`);
      else io.err(line);
    },
    end() {
      if (tty && last.lines >= 0) process.stderr.write('\n');
    },
    seconds: () => (performance.now() - started) / 1000,
  };
}

/** `tuidang history import-posts FILE`: see the usage in history-command.ts. */
export async function importPosts(
  path: string,
  flags: { batch: string | undefined; bulk: boolean },
  config: Config,
  io: CommandIo,
): Promise<number> {
  const batchLines = flags.batch === undefined ? undefined : Number(flags.batch);
  if (batchLines !== undefined && (!Number.isSafeInteger(batchLines) || batchLines < 1 || batchLines > 100_000))
    throw new UsageError('--batch must be a whole number of lines from 1 to 100000');
  const { services, close } = await createServices(config);
  // The bulk import needs the registry alone: this process's own connections are closed first.
  if (flags.bulk) await close();
  const run = flags.bulk ? bulkPostImport(config) : services.history.importPosts;
  const stop = new AbortController();
  const interrupt = () => {
    io.err('Stopping after the batch being written…');
    stop.abort();
  };
  process.once('SIGINT', interrupt);
  const display = progressDisplay(io);
  try {
    const result = await run(path, basename(path), {
      actor: 'cli',
      onIndex: (name: string) => {
        display.end();
        io.err(`building the index ${name}…`);
      },
      ...(batchLines === undefined ? {} : { batchLines }),
      signal: stop.signal,
      onProgress: display.show,
      onReject: ({ line, problems }) => {
        display.end();
        io.err(`line ${line}: ${problems.map(describe).join('; ')}`);
      },
    });
    display.end();
    if (!result.ok) {
      const { problem } = result;
      const text = isBulkProblem(problem)
        ? BULK_MESSAGES[problem.code]
        : FILE_MESSAGES[problem.code]('detail' in problem ? problem.detail : '');
      io.err(`${path}: ${text}. Nothing was imported.`);
      return 1;
    }
    const { report } = result;
    const seconds = display.seconds();
    if (report.resumedAt !== null) io.out(`Went on from line ${number(report.resumedAt)}, where an earlier run had stopped.`);
    io.out(
      `${number(report.lines)} line(s) read: ${number(report.written)} post(s) written, ${number(report.alreadyHeld)} held already, ` +
        `${number(report.rejected)} refused; ${seconds.toFixed(1)} s.`,
    );
    if (!report.finished) io.out('Stopped before the end of the file: run the same command again to go on.');
    return report.rejected > 0 ? 2 : 0;
  } finally {
    process.removeListener('SIGINT', interrupt);
    display.end();
    if (!flags.bulk) await close();
  }
}

const isBulkProblem = (problem: BulkProblem | FileProblem): problem is BulkProblem => problem.code.startsWith('bulk.');
