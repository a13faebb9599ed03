import { ConfigError, loadConfig } from '../config.ts';
import { UsageError, type Command, type CommandIo } from './command.ts';
import { auditCommand } from './audit-command.ts';
import { countsCommand } from './counts-command.ts';
import { dbCommand } from './db-command.ts';
import { declarationsCommand } from './declarations-command.ts';
import { migrateCommand } from './migrate-command.ts';
import { searchCommand } from './search-command.ts';
import { seedCommand } from './seed-command.ts';
import { serveCommand } from './serve-command.ts';
import { staffCommand } from './staff-command.ts';

const COMMANDS: readonly Command[] = [
  serveCommand,
  migrateCommand,
  declarationsCommand,
  staffCommand,
  auditCommand,
  countsCommand,
  seedCommand,
  searchCommand,
  dbCommand,
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
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
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
