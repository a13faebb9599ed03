/**
 * `npm run bench`: every scenario against the real server over loopback with wrk,
 * each as a ratio against a baseline measured in the same run (a bare node:http
 * hello server; for intake also naive one-row-per-transaction durable inserts).
 *
 *   npm run bench                      full run: 10 s per measurement, sizes 10,000 and 10,000,000, 5-minute soak after a 1-minute warm-up
 *   npm run bench -- --quick           under two minutes: 3 s per measurement, 10,000 posts, no soak
 *   npm run bench -- --sizes 10000,1000000 --only home --out results.json
 *   npm run bench -- --registry 34000000=DIR --only day-pages,search   a registry seeded elsewhere, that size alone
 *                                      (the server writes into it as `tuidang serve` does: give it a copy); no soak with --only
 *   scripts/with-postgres.sh npm run bench -- --quick    adds intake on PostgreSQL (or pass --postgres URL):
 *                                      the naive insert, then group commit with 1, 2 and 4 processes on one database
 *
 * Each scenario runs 3 times after a warm-up; the median is reported with the
 * min and max. One JSON line per scenario, then a table.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuMicros, rssMb, startServerProcess, type RunningProcess } from './lib/processes.ts';
import {
  BIN,
  SERVER_ENV,
  SERVER_NODE_FLAGS,
  copyOfRegistry,
  freshDataDir,
  samplePublishedNumbers,
  seededRegistry,
} from './lib/registry.ts';
import { readScenarios, samplePublishedRows } from './lib/reads.ts';
import { formPosts, gets, jsonPosts, requestsFile } from './lib/requests.ts';
import { runLoad, wrkAvailable, type LoadResult } from './lib/wrk.ts';

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    seconds: { type: 'string' },
    repeats: { type: 'string', default: '3' },
    soak: { type: 'string' },
    only: { type: 'string' },
    postgres: { type: 'string' },
    out: { type: 'string' },
    /**
     * SIZE=DIR: a registry of SIZE posts seeded elsewhere (e.g. 34000000=/data/copy-of-34m). The server writes into
     * it as `tuidang serve` does (migrations, missing keys, the transparency log's batches), so give it a copy.
     */
    registry: { type: 'string', multiple: true },
  },
});

const quick = options.quick;
const seconds = Number(options.seconds ?? (quick ? 3 : 10));
const warmupSeconds = quick ? 1 : 3;
const repeats = Number(options.repeats);
const registries = new Map((options.registry ?? []).map((entry) => [Number(entry.split('=')[0]), entry.slice(entry.indexOf('=') + 1)]));
// Registries seeded elsewhere are the sizes measured unless --sizes says otherwise: nothing is seeded then.
const sizes = (options.sizes ?? (registries.size > 0 ? [...registries.keys()].join(',') : quick ? '10000' : '10000,10000000'))
  .split(',')
  .map(Number);
// A selection of scenarios (--only) is no full run: no soak unless asked for (it would seed and copy a registry of the first size).
const soakSeconds = Number(options.soak ?? (quick || options.only !== undefined ? 0 : 300));
/** --only: a regular expression, or names separated by commas (day-pages,search). */
const only = options.only === undefined ? undefined : new RegExp(options.only.split(',').join('|'));
const SOAK_WARMUP_SECONDS = 60;
const postgresUrl = options.postgres ?? process.env.TEST_DATABASE_URL;
const CONNECTIONS = 64;
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Scenario {
  name: string;
  posts?: number;
  server: RunningProcess;
  /** Several processes serving one database (the first is `server`): wrk spreads its threads over them, CPU is their sum. */
  servers?: RunningProcess[];
  requests: string;
  baseline: string;
  /** A second comparison, for intake: the naive durable path. */
  against?: string;
}

interface Outcome {
  scenario: string;
  posts?: number;
  rate: number;
  rateMin: number;
  rateMax: number;
  baseline: string;
  baselineRate: number;
  ratio: number;
  against?: string;
  againstRatio?: number;
  /** The server's CPU time per request, µs, all threads (the writer and the garbage collector's included). */
  cpu: number;
  /** The baseline's CPU per request over this one's: the ratio the rate would reach if CPU were the only limit. */
  cpuRatio: number;
  p50: number;
  p99: number;
  /** The worst round's p99: one stall in any round shows here even when the median round had none. */
  p99Max: number;
  rss: number | null;
  failures: number;
}

if (!(await wrkAvailable())) {
  log('wrk is needed for the benchmark: apt-get install -y wrk');
  process.exit(2);
}

const node = process.execPath;
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const running: RunningProcess[] = [];
async function start(label: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningProcess> {
  log(`starting ${label}`);
  const server = await startServerProcess(node, args, { TUIDANG_LOG_LEVEL: 'info', ...env });
  running.push(server);
  return server;
}
const tuidang = (dataDir: string, env: NodeJS.ProcessEnv = {}) =>
  start(`tuidang on ${dataDir}`, [...SERVER_NODE_FLAGS, BIN, 'serve'], {
    ...SERVER_ENV,
    PORT: '0',
    TUIDANG_DATA_DIR: dataDir,
    DATABASE_URL: '',
    // The benchmark posts without a proof of work from one address: measure the intake, not the lower class's limit.
    TUIDANG_UNPROVEN_PER_ADDRESS: '999999999',
    TUIDANG_UNPROVEN_TOTAL: '999999999',
    ...env,
  });

const scenarios: Scenario[] = [];
const hello = await start('bare node:http hello', [here('./baselines/hello-server.js')]);
scenarios.push({ name: 'hello', server: hello, requests: requestsFile(gets(['/'])), baseline: 'hello' });

const naiveDir = freshDataDir('naive-insert');
const naive = await start('naive insert server', [here('./baselines/naive-insert-server.js'), `${naiveDir}/naive.sqlite`]);
scenarios.push({ name: 'naive-insert', server: naive, requests: requestsFile(jsonPosts('/', 500)), baseline: 'hello' });

const intake = await tuidang(freshDataDir('intake'));
scenarios.push({
  name: 'intake-api',
  server: intake,
  requests: requestsFile(jsonPosts('/api/v1/declarations', 500)),
  baseline: 'hello',
  against: 'naive-insert',
});
scenarios.push({
  name: 'intake-form',
  server: intake,
  requests: requestsFile(formPosts('/zh-hans/declare', 500)),
  baseline: 'hello',
  against: 'naive-insert',
});

for (const posts of sizes) {
  const dataDir = registries.get(posts) ?? seededRegistry(posts, log);
  const server = await tuidang(dataDir);
  // Shared links and pages the server keeps rendered, then 20,000 others spread over the whole registry.
  const rows = samplePublishedRows(dataDir, 20_500);
  const numbers = rows.map((row) => row.number);
  const locales = ['zh-hans', 'zh-hant', 'en'];
  const permalink = (number: string, i: number) => `/${locales[i % 3]}/declarations/${number}`;
  const read = (name: string, paths: string[]) =>
    scenarios.push({ name, posts, server, requests: requestsFile(gets(paths)), baseline: 'hello' });
  read('counter', ['/api/v1/counter']);
  read(
    'home',
    locales.map((locale) => `/${locale}/`),
  );
  // Shared links: 500 declarations read over and over, whose pages stay prepared in memory.
  read('permalink', numbers.slice(0, 500).map(permalink));
  // The worst case: 20,000 others in turn, ten times what the server keeps, so every page is rendered
  // and at 34 million most rows are read from the disk the first time.
  read('permalink-uncached', numbers.slice(500).map(permalink));
  for (const [name, paths] of readScenarios(rows.slice(500, 5_500))) read(name, paths);
}

if (postgresUrl) {
  const pgNaive = await start('naive PostgreSQL insert server', [here('./baselines/naive-pg-insert-server.js'), postgresUrl]);
  scenarios.push({ name: 'pg-naive-insert', server: pgNaive, requests: requestsFile(jsonPosts('/', 500)), baseline: 'hello' });
  // Group commit on PostgreSQL with 1, 2 and 4 processes on one database (docs/performance.md,
  // "PostgreSQL group commit"). They share a data dir for the keys: the first makes them, then the rest start.
  const pgDir = freshDataDir('intake-pg');
  const pgServers: RunningProcess[] = [];
  for (const count of [1, 2, 4]) {
    while (pgServers.length < count) pgServers.push(await tuidang(pgDir, { DATABASE_URL: postgresUrl }));
    scenarios.push({
      name: count === 1 ? 'pg-intake-api' : `pg-intake-api-x${count}`,
      server: pgServers[0]!,
      ...(count > 1 ? { servers: pgServers.slice(0, count) } : {}),
      requests: requestsFile(jsonPosts('/api/v1/declarations', 500)),
      baseline: 'hello',
      against: 'pg-naive-insert',
    });
  }
}

const selected = scenarios.filter((s) => !only || ['hello', 'naive-insert', 'pg-naive-insert'].includes(s.name) || only.test(s.name));
const key = (s: { name?: string; scenario?: string; posts?: number }) => `${s.name ?? s.scenario}${s.posts ? `@${s.posts}` : ''}`;
/** Each measurement, with the server's CPU time per answered request (µs, every thread of the process). */
const runs = new Map<string, (LoadResult & { cpu: number })[]>();
const rss = new Map<string, number>();

// Repeats go round all scenarios, so a noisy moment on the machine touches baselines and scenarios alike.
for (let round = 1; round <= repeats; round++) {
  for (const scenario of selected) {
    log(`round ${round}/${repeats}: ${key(scenario)}`);
    const servers = scenario.servers ?? [scenario.server];
    const load = {
      url: scenario.server.url,
      requestsFile: scenario.requests,
      connections: CONNECTIONS,
      ...(scenario.servers ? { ports: servers.map((server) => Number(new URL(server.url).port)) } : {}),
    };
    await runLoad({ ...load, seconds: warmupSeconds });
    const cpuOf = () => servers.reduce((sum, server) => sum + cpuMicros(server.pid), 0);
    const cpuBefore = cpuOf();
    const result = await runLoad({ ...load, seconds });
    const cpu = (cpuOf() - cpuBefore) / result.requests;
    runs.set(key(scenario), [...(runs.get(key(scenario)) ?? []), { ...result, cpu }]);
    rss.set(key(scenario), rssMb(scenario.server.pid));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const outcomes: Outcome[] = selected.map((scenario) => {
  const results = runs.get(key(scenario))!;
  const rates = results.map((r) => r.rate);
  const rate = median(rates);
  const middle = results[rates.indexOf(rate)]!;
  const baselineRate = median(runs.get(scenario.baseline)!.map((r) => r.rate));
  const againstRate = scenario.against ? median(runs.get(scenario.against)!.map((r) => r.rate)) : undefined;
  const baselineCpu = median(runs.get(scenario.baseline)!.map((r) => r.cpu));
  return {
    scenario: scenario.name,
    ...(scenario.posts ? { posts: scenario.posts } : {}),
    rate: Math.round(rate),
    rateMin: Math.round(Math.min(...rates)),
    rateMax: Math.round(Math.max(...rates)),
    baseline: scenario.baseline,
    baselineRate: Math.round(baselineRate),
    ratio: Number((rate / baselineRate).toFixed(3)),
    ...(scenario.against ? { against: scenario.against, againstRatio: Number((rate / againstRate!).toFixed(2)) } : {}),
    cpu: Number(middle.cpu.toFixed(1)),
    cpuRatio: Number((baselineCpu / middle.cpu).toFixed(3)),
    p50: Number(middle.p50.toFixed(2)),
    p99: Number(middle.p99.toFixed(2)),
    p99Max: Number(Math.max(...results.map((r) => r.p99)).toFixed(2)),
    rss: rss.get(key(scenario)) ?? null,
    failures: results.reduce((sum, r) => sum + r.failures, 0),
  };
});
for (const outcome of outcomes) console.log(JSON.stringify(outcome));

// Group commit on PostgreSQL below HTTP, in the same minute: the plain insert, the batched transaction,
// the batch in one statement (bench/pg-group-commit.ts says what each is).
const groupCommit: { path: string; rate: number; ratio: number; cpuUs: number; serverCpuUs: number; load: string }[] = [];
if (postgresUrl && (!only || only.test('pg-group-commit'))) {
  log('PostgreSQL group commit below HTTP');
  const lines = execFileSync(node, ['--import', 'tsx', here('./pg-group-commit.ts'), postgresUrl, '--seconds', String(seconds)], {
    encoding: 'utf8',
  });
  for (const line of lines.trim().split('\n')) {
    console.log(line);
    groupCommit.push(JSON.parse(line));
  }
}

let soak:
  | {
      seconds: number;
      rate: number;
      p99: number;
      rssIdle: number;
      rssStart: number;
      rssEnd: number;
      rssSamples: number[];
      failures: number;
    }
  | undefined;
if (soakSeconds > 0) {
  // Readers and writers together on one server for the whole soak; RSS is read before any load,
  // after the warm-up, through the soak and at the end.
  const seeded = seededRegistry(sizes[0]!, log);
  const numbers = samplePublishedNumbers(seeded, 200);
  const soakServer = await tuidang(copyOfRegistry(seeded, 'soak'));
  const mixed = requestsFile([
    ...gets(['/api/v1/counter', '/zh-hans/', '/en/', '/zh-hant/']),
    ...jsonPosts('/api/v1/declarations', 4),
    ...gets(numbers.slice(0, 4).map((n) => `/zh-hans/declarations/${n}`)),
  ]);
  log(`soak: ${soakSeconds} s of mixed reads and writes`);
  const load = { url: soakServer.url, requestsFile: mixed, connections: CONNECTIONS };
  // The soak asks whether memory grows once the server is at work, so it starts when the heaps are at
  // their working size: under this mix the main thread's within 20 s, the writer's within 35 s.
  const rssIdle = rssMb(soakServer.pid);
  await runLoad({ ...load, seconds: SOAK_WARMUP_SECONDS });
  const rssStart = rssMb(soakServer.pid);
  // Start and end alone cannot tell a heap settling from one that keeps growing: RSS every tenth of the soak.
  const rssSamples: number[] = [];
  const sampler = setInterval(() => rssSamples.push(rssMb(soakServer.pid)), (soakSeconds * 1000) / 10);
  const result = await runLoad({ ...load, seconds: soakSeconds }).finally(() => clearInterval(sampler));
  const rssEnd = rssMb(soakServer.pid);
  soak = {
    seconds: soakSeconds,
    rate: Math.round(result.rate),
    p99: Number(result.p99.toFixed(2)),
    rssIdle,
    rssStart,
    rssEnd,
    rssSamples,
    failures: result.failures,
  };
  console.log(JSON.stringify({ scenario: 'soak', ...soak }));
}

await Promise.all(running.map((server) => server.stop()));

const pad = (text: string | number, width: number) => String(text).padStart(width);
console.log(
  `\n${'scenario'.padEnd(22)}${pad('req/s (min–max)', 26)}${pad('ratio', 8)}${pad('CPU µs', 8)}${pad('ratio', 7)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('RSS MB', 8)}  note`,
);
for (const o of outcomes) {
  const name = `${o.scenario}${o.posts ? ` @${o.posts >= 1e6 ? `${o.posts / 1e6}M` : `${o.posts / 1e3}k`}` : ''}`;
  const spread = `${o.rate.toLocaleString('en')} (${o.rateMin.toLocaleString('en')}–${o.rateMax.toLocaleString('en')})`;
  const notes = [o.against ? `${o.againstRatio}× ${o.against}` : '', o.failures ? `${o.failures} failed` : ''].filter(Boolean).join(', ');
  console.log(
    `${name.padEnd(22)}${pad(spread, 26)}${pad(o.ratio.toFixed(3), 8)}${pad(o.cpu.toFixed(1), 8)}${pad(o.cpuRatio.toFixed(2), 7)}${pad(o.p50.toFixed(2), 9)}${pad(o.p99.toFixed(2), 9)}${pad(o.rss ?? '', 8)}  ${notes}`,
  );
}
if (soak)
  console.log(
    `soak ${soak.seconds} s: ${soak.rate.toLocaleString('en')} req/s, p99 ${soak.p99} ms, RSS ${soak.rssIdle} MB idle, ${soak.rssStart} → ${soak.rssEnd} MB (every ${soak.seconds / 10} s: ${soak.rssSamples.join(', ')})${soak.failures ? `, ${soak.failures} failed` : ''}`,
  );
for (const path of groupCommit) {
  console.log(
    `pg group commit, ${path.path.padEnd(11)} ${pad(path.rate.toLocaleString('en'), 7)} a second, ${pad(path.ratio.toFixed(2), 5)}× plain, CPU ${path.cpuUs} µs here + ${path.serverCpuUs} µs PostgreSQL (load ${path.load})`,
  );
}
if (options.out) writeFileSync(options.out, JSON.stringify({ machine: machineDescription(), outcomes, soak, groupCommit }, null, 2));

function machineDescription() {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpus: cpus.length,
    cpu: cpus[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    at: new Date().toISOString(),
  };
}
