import { parentPort, workerData } from 'node:worker_threads';
import { readPostBatches, type PostReading } from './post-batches.ts';
import { packBatch } from './post-transfer.ts';

/**
 * A reading half of a posts import, on its own thread so that reading and checking the lines and
 * writing them each have a core (post-reader-thread.ts). It reads its parts of the file in order,
 * each numbered from line 0, and sends their batches, no more than `ahead` that the writer has not
 * yet taken, which bounds the memory they hold.
 */
export interface PostReaderTask {
  reading: PostReading;
  parts: PostPart[];
  ahead: number;
}

/** Bytes [start, end) of the export, cut at lines' ends. */
export interface PostPart {
  start: number;
  end: number;
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

for (const part of task.parts) {
  const reading: PostReading = { ...task.reading, from: { byte: part.start, line: 0 }, until: part.end };
  for await (const batch of readPostBatches(reading)) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    port.postMessage(packBatch(batch));
  }
}
