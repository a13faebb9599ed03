import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface RunningProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a server process and waits until it prints the address it listens on
 * (`… listening on http://host:port` or `listening on PORT`). Its output is
 * otherwise discarded, as a production log would be shipped elsewhere.
 */
export function startServerProcess(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningProcess> {
  const child: ChildProcess = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/\S+|\d+)/.exec(seen);
      if (!match) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      const url = match[1]!.startsWith('http') ? match[1]! : `http://127.0.0.1:${match[1]}`;
      resolve({ url, pid: child.pid!, stop: () => stopProcess(child) });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code} before listening:\n${errors}`)));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Resident set size of a process, in MB, from /proc. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** CPU time the process has used so far, user and system, all its threads, in microseconds. */
export function cpuMicros(pid: number): number {
  // The command name, in parentheses, may hold spaces: count fields after it.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1e6;
}
