import { main } from '../../src/cli/main.ts';

/**
 * Runs a CLI command in this process, as runCli does in a child (same environment, same result),
 * for tests about what the command does rather than about the process: no Node start-up and no
 * TypeScript compiled again for each call.
 */
export async function runCliInProcess(args: string[], env: Record<string, string>) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(
    args,
    { out: (line) => stdout.push(`${line}\n`), err: (line) => stderr.push(`${line}\n`) },
    { ...process.env, ...env },
  );
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}
