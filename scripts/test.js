#!/usr/bin/env node
// `npm test`: compile, then type-check, lint (scripts/lint.js) and every test file on SQLite (and
// on PostgreSQL too when TEST_DATABASE_URL is set; see scripts/with-postgres.sh).
// Test files import the TypeScript sources through tsx; the processes they
// start (bin/tuidang.js) run the build of those same sources, compiled here
// once rather than by each of them.
import { spawn } from 'node:child_process';
import { globSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env });
    let output = '';
    if (options.capture) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/**
 * The test files run in a few processes, each running its share one file after another
 * (--test-isolation=none): a process per file paid tsx's start and the import of the whole app
 * again for every file, most of the suite's CPU time. More processes than cores, because most
 * files spend much of their time waiting on disk, on child processes or on real-time waits; more
 * again with PostgreSQL, whose tests mostly wait for the server.
 */
const SHARDS = Math.max(2, availableParallelism() * (process.env.TEST_DATABASE_URL ? 4 : 3));
const FILES = globSync(['src/**/*.test.ts', 'test/**/*.test.ts']).sort();
const CACHE = 'node_modules/.cache/tuidang';
/** How long each file took in the last run (scripts/test-file-times.js), to share the files out evenly. */
const TIMES = join(CACHE, 'test-times.json');

function lastTimes() {
  try {
    return JSON.parse(readFileSync(TIMES, 'utf8'));
  } catch {
    return {};
  }
}

/** The longest file first, each to the process with the least to do so far; a new file counts as an average one. */
function shareOut(files, times) {
  const known = files.map((file) => times[file]).filter((time) => typeof time === 'number');
  const usual = known.length > 0 ? known.reduce((sum, time) => sum + time, 0) / known.length : 1;
  const weighed = files.map((file) => ({ file, time: times[file] ?? usual })).sort((a, b) => b.time - a.time);
  const shards = Array.from({ length: SHARDS }, () => ({ files: [], time: 0 }));
  for (const { file, time } of weighed) {
    const lightest = shards.reduce((least, shard) => (shard.time < least.time ? shard : least));
    lightest.files.push(file);
    lightest.time += time;
  }
  return shards.map((shard) => shard.files).filter((files) => files.length > 0);
}

async function testShard(files, index) {
  const timesFile = join(CACHE, `test-times-${index}.json`);
  const { code, output } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-isolation=none',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/test-file-times.js',
      `--test-reporter-destination=${timesFile}`,
      ...files,
    ],
    { capture: true },
  );
  // Each shard's report in one piece, as soon as it is done, rather than lines of all of them interleaved.
  process.stdout.write(output);
  let times = {};
  try {
    times = JSON.parse(readFileSync(timesFile, 'utf8'));
  } catch {
    // A shard that died before its report: the next run shares its files out as before.
  }
  return { code, output, times };
}

/** The totals of every shard's report, as one run would have printed them. */
function totals(outputs) {
  const sums = new Map();
  for (const output of outputs) {
    for (const [, name, value] of output.matchAll(/^ℹ (tests|suites|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) {
      sums.set(name, (sums.get(name) ?? 0) + Number(value));
    }
  }
  return [...sums].map(([name, value]) => `ℹ ${name} ${value}`).join('\n');
}

const built = await run(process.execPath, ['scripts/build.js']);
if (built.code !== 0) process.exit(built.code);
mkdirSync(CACHE, { recursive: true });
const previous = lastTimes();
const started = performance.now();
// Side by side: the type-check and the lint are mostly one thread each, and the tests leave cores idle while
// their last files finish. The type-check is incremental, with its state under node_modules/.cache,
// so an unchanged project checks in a few seconds.
const [typecheck, lint, ...shards] = await Promise.all([
  run('tsc', ['--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tuidang/tsc.tsbuildinfo']),
  run(process.execPath, ['scripts/lint.js']),
  ...shareOut(FILES, previous).map((files, index) => testShard(files, index)),
]);
const times = Object.assign({}, ...shards.map((shard) => shard.times));
writeFileSync(
  TIMES,
  JSON.stringify(Object.fromEntries(FILES.map((file) => [file, times[file] ?? previous[file]]).filter(([, time]) => time !== undefined))),
);
console.log(
  `\nAll ${shards.length} test processes:\n${totals(shards.map((shard) => shard.output))}\nℹ duration_ms ${(performance.now() - started).toFixed(0)}`,
);
process.exitCode = [typecheck, lint, ...shards].map((result) => result.code).find((code) => code !== 0) ?? 0;
