import { ConfigError, loadConfig } from '../config.ts';
import { UsageError, type Command, type CommandIo } from './command.ts';

/** Each command's module loads only when it runs: a command pays for what it uses, the overview for nothing. */
const COMMANDS: readonly { name: string; summary: string; load(): Promise<Command> }[] = [
  {
    name: 'serve',
    summary: 'Run the web service (applies migrations and creates keys on first start).',
    load: async () => (await import('./serve-command.ts')).serveCommand,
  },
  {
    name: 'migrate',
    summary: 'Apply pending database migrations.',
    load: async () => (await import('./migrate-command.ts')).migrateCommand,
  },
  {
    name: 'declarations',
    summary: 'Publish, reject or mark duplicate declarations (moderation from the command line).',
    load: async () => (await import('./declarations-command.ts')).declarationsCommand,
  },
  {
    name: 'staff',
    summary: 'Create staff accounts and print one-time enrolment links.',
    load: async () => (await import('./staff-command.ts')).staffCommand,
  },
  {
    name: 'audit',
    summary: 'Check that the audit log is intact.',
    load: async () => (await import('./audit-command.ts')).auditCommand,
  },
  {
    name: 'keys',
    summary: 'Rotate the staff key: re-seal everything sealed under it (resumable).',
    load: async () => (await import('./keys-command.ts')).keysCommand,
  },
  {
    name: 'counter',
    summary: 'Recompute the counters from the statements and the carried-over day totals; repair any drift.',
    load: async () => (await import('./counter-command.ts')).counterCommand,
  },
  {
    name: 'history',
    summary: "Carry the previous registry's published day totals over (CSV import, with a dry run).",
    load: async () => (await import('./history-command.ts')).historyCommand,
  },
  {
    name: 'seed',
    summary: 'Fill the database with a realistic synthetic registry (development and benchmarks).',
    load: async () => (await import('./seed-command.ts')).seedCommand,
  },
  {
    name: 'search',
    summary: 'Rebuild the title and region search index from the published declarations.',
    load: async () => (await import('./search-command.ts')).searchCommand,
  },
  {
    name: 'outreach',
    summary: 'Import a call list (CSV) into a phone-bank campaign.',
    load: async () => (await import('./outreach-command.ts')).outreachCommand,
  },
  {
    name: 'log',
    summary: 'The transparency log: print its key, publish now, mirror it, or verify it from anywhere.',
    load: async () => (await import('./log-command.ts')).logCommand,
  },
  {
    name: 'mirror',
    summary: 'Write the public site as static files any host can serve; run again to update.',
    load: async () => (await import('./mirror-command.ts')).mirrorCommand,
  },
  {
    name: 'certificates',
    summary: 'Verify a certificate offline, from a saved certificate page or its signed note.',
    load: async () => (await import('./certificates-command.ts')).certificatesCommand,
  },
  {
    name: 'switches',
    summary: 'Turn public features off or on again: submissions, support, search, statistics (kill switches).',
    load: async () => (await import('./switches-command.ts')).switchesCommand,
  },
  {
    name: 'db',
    summary: 'Back up the SQLite database; move an installation between SQLite and PostgreSQL.',
    load: async () => (await import('./db-command.ts')).dbCommand,
  },
];

const consoleIo: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'Usage: tuidang <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `tuidang <command> --help` for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[], io: CommandIo = consoleIo, env = process.env): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(overview());
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((candidate) => candidate.name === name);
  if (!entry) {
    io.err(`Unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(args, { config: loadConfig(env), io });
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    io.err(`tuidang ${name}: ${(error as Error).message}`);
    return 1;
  }
}
