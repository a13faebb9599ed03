import { parentPort, workerData } from 'node:worker_threads';
import { readPostBatches, type PostReading } from './post-batches.ts';

/**
 * The reading half of a posts import, on its own thread so that reading and checking the lines and
 * writing them each have a core (post-reader-thread.ts). It sends the batches in order, and no more
 * than `ahead` that the writer has not yet taken, which bounds the memory they hold.
 */
export interface PostReaderTask {
  reading: PostReading;
  ahead: number;
}

const port = parentPort!;
const task = workerData as PostReaderTask;
// Every message from the writer says that it has taken one more batch.
let credit = task.ahead;
let wake: (() => void) | null = null;
port.on('message', () => {
  credit++;
  wake?.();
  wake = null;
});

for await (const batch of readPostBatches(task.reading)) {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit--;
  port.postMessage(batch);
}
