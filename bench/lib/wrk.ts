import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../wrk/scenario.lua', import.meta.url));

export interface LoadResult {
  /** Answered requests per second. */
  rate: number;
  /** Answered requests in all. */
  requests: number;
  p50: number;
  p99: number;
  /** Requests that failed: refused, reset, timed out or answered with a 4xx/5xx. */
  failures: number;
}

/** Runs wrk against a base URL, replaying the requests in `requestsFile`. */
export function runLoad(options: {
  url: string;
  requestsFile: string;
  seconds: number;
  connections: number;
  threads?: number;
  /** Several server processes on 127.0.0.1: one wrk thread per port (at least two threads), in turn. */
  ports?: readonly number[];
}): Promise<LoadResult> {
  const threads = options.ports ? Math.max(2, options.ports.length) : (options.threads ?? 2);
  const env = options.ports ? { ...process.env, TUIDANG_BENCH_PORTS: options.ports.join(',') } : process.env;
  const args = [
    `-t${threads}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--timeout',
    '10s',
    '-s',
    SCRIPT,
    options.url,
    '--',
    options.requestsFile,
  ];
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { maxBuffer: 1 << 20, env }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`wrk failed: ${error.message}\n${stderr}`));
      const line = stdout.split('\n').find((l) => l.startsWith('{"requests"'));
      if (!line) return reject(new Error(`wrk printed no result:\n${stdout}\n${stderr}`));
      const figures = JSON.parse(line) as {
        requests: number;
        durationUs: number;
        p50Us: number;
        p99Us: number;
        errors: Record<string, number>;
      };
      resolve({
        rate: figures.requests / (figures.durationUs / 1e6),
        requests: figures.requests,
        p50: figures.p50Us / 1000,
        p99: figures.p99Us / 1000,
        failures: Object.values(figures.errors).reduce((a, b) => a + b, 0),
      });
    });
  });
}

export function wrkAvailable(): Promise<boolean> {
  return new Promise((resolve) => execFile('wrk', ['--version'], (error, stdout) => resolve(!error || /wrk/.test(String(stdout)))));
}
