import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../logging/logger.ts';
import { scheduleLogBatches } from './log-batches.ts';

test('a backlog runs on between pauses until it is done, and stopping ends it at the next pause', async () => {
  const answers: boolean[] = [];
  let release!: () => void;
  const stopping = new Promise<void>((resolve) => (release = resolve));
  let runs = 0;
  const stop = scheduleLogBatches(
    async (between) => {
      runs++;
      // Three batches of a backlog, each followed by the pause; then the test stops the job mid-run.
      for (let batch = 0; batch < 3; batch++) answers.push(await between());
      release();
      await new Promise((resolve) => setImmediate(resolve));
      answers.push(await between());
      return { entries: 3, size: 3 };
    },
    10,
    createLogger('silent'),
  );
  await stopping;
  await stop();
  assert.equal(runs, 1, 'one run at start; the next waits for the timer');
  assert.deepEqual(answers, [true, true, true, false]);
});
