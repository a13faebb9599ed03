import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const MB = 1024 * 1024;
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
/** The heap flags `npm start` gives the server, so the test follows any change to them. */
const START_HEAP_FLAGS = packageJson.scripts.start.split(/\s+/).filter((word) => /^--(max|min)-.*-size=/.test(word));

const REPORT_LIMIT = `import v8 from 'node:v8';
import { parentPort } from 'node:worker_threads';
parentPort.postMessage(v8.getHeapStatistics().heap_size_limit);`;

const PROGRAM = `import v8 from 'node:v8';
import { boundedWorker } from ${JSON.stringify(new URL('./worker-thread.ts', import.meta.url).href)};
const worker = boundedWorker(new URL('data:text/javascript,' + encodeURIComponent(${JSON.stringify(REPORT_LIMIT)})), {
  resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 32 },
});
worker.once('message', async (workerLimit) => {
  console.log(JSON.stringify({ main: v8.getHeapStatistics().heap_size_limit, worker: workerLimit }));
  await worker.terminate();
});`;

test('a worker keeps the heap its resourceLimits ask for under the server heap flags', () => {
  assert.ok(
    START_HEAP_FLAGS.some((flag) => flag.startsWith('--max-semi-space-size=')),
    'the start script sets the semi-space size',
  );
  const run = spawnSync(
    process.execPath,
    [...START_HEAP_FLAGS, '--import', import.meta.resolve('tsx'), '--input-type=module', '-e', PROGRAM],
    {
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  assert.equal(run.status, 0, run.stderr);
  const limits = JSON.parse(run.stdout) as { main: number; worker: number };
  // The main thread keeps the flags: 192 MB of old space and 16 MB semi-spaces (240 MB in all).
  assert.ok(limits.main >= 224 * MB && limits.main <= 256 * MB, `main thread limit ${limits.main / MB} MB`);
  // The worker gets about its own 32 + 4 MB (38 as V8 rounds them); either flag kept would make it 80 MB or more.
  assert.ok(limits.worker < 64 * MB, `worker limit ${limits.worker / MB} MB`);
});
