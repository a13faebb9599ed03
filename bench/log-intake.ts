/**
 * Intake while the transparency log appends (issue 24: "appending keeps up with the intake
 * benchmark's rate without slowing it"). The main benchmark's intake scenario runs on an empty
 * registry, where the log has nothing to do; this one measures the same API intake on a server that
 * is building the log of a seeded registry (every statement queued, as after migration 0020 or a
 * bulk load), against the same intake with the log idle, each beside the bare hello baseline.
 *
 *   node --import tsx bench/log-intake.ts [--posts 300000] [--seconds 5]
 *
 * Prints one JSON line per measurement and the load average.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServerProcess, type RunningProcess } from './lib/processes.ts';
import { BIN, SERVER_ENV, SERVER_NODE_FLAGS, copyOfRegistry, freshDataDir, seededRegistry } from './lib/registry.ts';
import { gets, jsonPosts, requestsFile } from './lib/requests.ts';
import { runLoad } from './lib/wrk.ts';

const { values } = parseArgs({ options: { posts: { type: 'string', default: '300000' }, seconds: { type: 'string', default: '5' } } });
const posts = Number(values.posts);
const seconds = Number(values.seconds);
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

const start = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  startServerProcess(process.execPath, args, { TUIDANG_LOG_LEVEL: 'warn', ...env });
const tuidang = (dataDir: string) =>
  start([...SERVER_NODE_FLAGS, BIN, 'serve'], { ...SERVER_ENV, PORT: '0', TUIDANG_DATA_DIR: dataDir, DATABASE_URL: '' });

async function pending(server: RunningProcess): Promise<{ pending: number; size: number }> {
  const body = (await (await fetch(`${server.url}/api/v1/counter`)).json()) as { log: { pending: number; size: number } };
  return body.log;
}

async function measure(name: string, server: RunningProcess, requests: string) {
  const result = await runLoad({ url: server.url, requestsFile: requests, seconds, connections: 64 });
  const line = { name, rate: Math.round(result.rate), p50: result.p50, p99: result.p99, failures: result.failures, load: load() };
  console.log(JSON.stringify(line));
  return line;
}

const seeded = seededRegistry(posts, log);
const posting = requestsFile(jsonPosts('/api/v1/declarations', 500));
const hello = await start([fileURLToPath(new URL('./baselines/hello-server.js', import.meta.url))]);
const helloRequests = requestsFile(gets(['/']));
try {
  await measure('hello', hello, helloRequests);
  const idle = await tuidang(freshDataDir('log-intake-idle'));
  await measure('intake-api, log idle', idle, posting);
  await idle.stop();
  await measure('hello', hello, helloRequests);

  const building = await tuidang(copyOfRegistry(seeded, 'log-intake-building'));
  const before = await pending(building);
  const started = performance.now();
  const busy = await measure('intake-api, log building', building, posting);
  const after = await pending(building);
  const elapsed = (performance.now() - started) / 1000;
  // Each answered submission queues nothing (it is pending), so the queue falls only by what batches took.
  console.log(
    JSON.stringify({
      name: 'log appending during it',
      queuedBefore: before.pending,
      queuedAfter: after.pending,
      leaves: after.size - before.size,
      entriesPerSecond: Math.round((after.size - before.size) / elapsed),
      stillBuilding: after.pending > 0,
      intakeRate: busy.rate,
    }),
  );
  await building.stop();
  await measure('hello', hello, helloRequests);
} finally {
  await hello.stop();
}
