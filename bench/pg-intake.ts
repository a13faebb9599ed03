/**
 * PostgreSQL intake over HTTP, alone: the naive server (one plain INSERT per request on a pool of 10,
 * bench/baselines/naive-pg-insert-server.js) against `tuidang serve` with 1, 2 and 4 processes on one
 * database, `POST /api/v1/declarations` at 64 connections with wrk, rounds taken in turn so a noisy
 * moment touches every path. Beside each rate: the CPU per submission of the server processes and of
 * the PostgreSQL cluster (the postmaster and its children, found from a backend's parent, so another
 * cluster on the machine is not counted), and the load average. `npm run bench` runs the same
 * scenarios among the others; this one is for working on them.
 *
 *   node --import tsx bench/pg-intake.ts postgres://tuidang@127.0.0.1:54432/EMPTY_DB [--seconds 5] [--repeats 3] [--processes 1,2,4]
 *     [--before DIR]   also one process of another checkout (DIR/bin/tuidang.js, e.g. a worktree of main with
 *                      its own node_modules) on the same database and data dir, measured in the same rounds
 */
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuBetween, pgClusterCpu } from './lib/pg-cluster.ts';
import { cpuMicros, startServerProcess, type RunningProcess } from './lib/processes.ts';
import { BIN, SERVER_ENV, SERVER_NODE_FLAGS, freshDataDir } from './lib/registry.ts';
import { jsonPosts, requestsFile } from './lib/requests.ts';
import { runLoad } from './lib/wrk.ts';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '5' },
    repeats: { type: 'string', default: '3' },
    processes: { type: 'string', default: '1,2,4' },
    before: { type: 'string' },
  },
});
const url = positionals[0];
if (!url?.startsWith('postgres')) {
  process.stderr.write('usage: node --import tsx bench/pg-intake.ts postgres://… [--seconds 5] [--repeats 3] [--processes 1,2,4]\n');
  process.exit(2);
}
const seconds = Number(options.seconds);
const counts = options.processes.split(',').map(Number);
const log = (line: string) => process.stderr.write(`${line}\n`);

const clusterCpu = await pgClusterCpu(url);

const running: RunningProcess[] = [];
// A run that fails (a server that dies, wrk that cannot connect) must not leave its servers behind.
process.on('exit', () => {
  for (const server of running) {
    try {
      process.kill(server.pid);
    } catch {
      // Already stopped.
    }
  }
});
const start = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const server = await startServerProcess(process.execPath, args, { TUIDANG_LOG_LEVEL: 'warn', ...env });
  running.push(server);
  return server;
};

interface Path {
  name: string;
  servers: RunningProcess[];
}
const paths: Path[] = [];
const naive = fileURLToPath(new URL('./baselines/naive-pg-insert-server.js', import.meta.url));
paths.push({ name: 'pg-naive-insert', servers: [await start([naive, url])] });
const dataDir = freshDataDir('pg-intake');
const serve = (bin: string) =>
  start([...SERVER_NODE_FLAGS, bin, 'serve'], {
    ...SERVER_ENV,
    PORT: '0',
    TUIDANG_DATA_DIR: dataDir,
    DATABASE_URL: url,
    TUIDANG_UNPROVEN_PER_ADDRESS: '999999999',
    TUIDANG_UNPROVEN_TOTAL: '999999999',
  });
if (options.before) paths.push({ name: 'pg-intake-api-before', servers: [await serve(join(options.before, 'bin', 'tuidang.js'))] });
const tuidang: RunningProcess[] = [];
for (const count of counts) {
  while (tuidang.length < count) tuidang.push(await serve(BIN));
  paths.push({ name: count === 1 ? 'pg-intake-api' : `pg-intake-api-x${count}`, servers: tuidang.slice(0, count) });
}

const requests = new Map(
  paths.map((path) => [path.name, requestsFile(jsonPosts(path.name === 'pg-naive-insert' ? '/' : '/api/v1/declarations', 500))]),
);
interface Round {
  rate: number;
  nodeUs: number;
  pgUs: number;
  p50: number;
  p99: number;
  failures: number;
  load: number;
}
const rounds = new Map<string, Round[]>();
for (let round = 1; round <= Number(options.repeats); round++) {
  for (const path of paths) {
    log(`round ${round}: ${path.name}`);
    const load = {
      url: path.servers[0]!.url,
      requestsFile: requests.get(path.name)!,
      connections: 64,
      ...(path.servers.length > 1 ? { ports: path.servers.map((server) => Number(new URL(server.url).port)) } : {}),
    };
    await runLoad({ ...load, seconds: 1 });
    const nodeBefore = path.servers.reduce((sum, server) => sum + cpuMicros(server.pid), 0);
    const pgBefore = clusterCpu();
    const result = await runLoad({ ...load, seconds });
    const pgUs = cpuBetween(pgBefore, clusterCpu()) / result.requests;
    const nodeUs = (path.servers.reduce((sum, server) => sum + cpuMicros(server.pid), 0) - nodeBefore) / result.requests;
    const entry = { rate: result.rate, nodeUs, pgUs, p50: result.p50, p99: result.p99, failures: result.failures, load: os.loadavg()[0]! };
    rounds.set(path.name, [...(rounds.get(path.name) ?? []), entry]);
    log(`  ${JSON.stringify(entry)}`);
  }
}
await Promise.all(running.map((server) => server.stop()));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const naiveRate = median(rounds.get('pg-naive-insert')!.map((r) => r.rate));
for (const path of paths) {
  const results = rounds.get(path.name)!;
  const rate = median(results.map((r) => r.rate));
  const middle = results.find((r) => r.rate === rate)!;
  console.log(
    JSON.stringify({
      path: path.name,
      rate: Math.round(rate),
      rateMin: Math.round(Math.min(...results.map((r) => r.rate))),
      rateMax: Math.round(Math.max(...results.map((r) => r.rate))),
      ratio: Number((rate / naiveRate).toFixed(2)),
      nodeUs: Math.round(middle.nodeUs),
      pgUs: Math.round(middle.pgUs),
      p50: Number(middle.p50.toFixed(1)),
      p99: Number(middle.p99.toFixed(1)),
      failures: results.reduce((sum, r) => sum + r.failures, 0),
      load: results.map((r) => r.load.toFixed(1)).join('/'),
    }),
  );
}
