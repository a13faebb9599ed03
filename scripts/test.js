#!/usr/bin/env node
// `npm test`: compile, then type-check and every test file on SQLite (and on
// PostgreSQL too when TEST_DATABASE_URL is set; see scripts/with-postgres.sh).
// Test files import the TypeScript sources through tsx; the processes they
// start (bin/tuidang.js) run the build of those same sources, compiled here
// once rather than by each of them.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

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
 * files spend much of their time waiting on disk, on child processes or on real-time waits.
 */
const SHARDS = Math.max(2, availableParallelism() * 2);

async function testShard(index) {
  const { code, output } = await run(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-isolation=none', `--test-shard=${index}/${SHARDS}`, 'src/**/*.test.ts', 'test/**/*.test.ts'],
    { capture: true },
  );
  // Each shard's report in one piece, as soon as it is done, rather than lines of all of them interleaved.
  process.stdout.write(output);
  return { code, output };
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
const started = performance.now();
// Side by side: the type-check is one thread, and the tests leave cores idle while their last files finish.
// Incremental, with its state under node_modules/.cache, so an unchanged project checks in a few seconds.
const [typecheck, ...shards] = await Promise.all([
  run('tsc', ['--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tuidang/tsc.tsbuildinfo']),
  ...Array.from({ length: SHARDS }, (_, index) => testShard(index + 1)),
]);
console.log(`\nAll ${SHARDS} test processes:\n${totals(shards.map((shard) => shard.output))}\nℹ duration_ms ${(performance.now() - started).toFixed(0)}`);
process.exitCode = [typecheck, ...shards].map((result) => result.code).find((code) => code !== 0) ?? 0;
