import { typeScriptWorker } from '../../runtime/worker-thread.ts';
import type { PostBatch, PostReading } from './post-batches.ts';
import type { PostReaderTask } from './post-reader-worker.ts';

/** Batches the reader may have sent before the writer takes one: it reads the next while this one is written. */
const BATCHES_AHEAD = 1;

/**
 * readPostBatches run on a worker thread: the same batches, in the same order, read and checked while
 * the batch before is being written. An error in the worker (an unreadable file) rejects the batch
 * awaited; the worker is stopped when the caller stops asking (the end, an error, or a run stopped).
 */
export async function* threadedPostBatches(reading: PostReading): AsyncGenerator<PostBatch> {
  const task: PostReaderTask = { reading, ahead: BATCHES_AHEAD };
  const worker = typeScriptWorker(new URL('./post-reader-worker.ts', import.meta.url), { workerData: task });
  const queue: PostBatch[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const settle = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (batch: PostBatch) => {
    queue.push(batch);
    settle();
  });
  worker.on('error', (error) => {
    failure ??= error;
    settle();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the post reader ended before the end of the file (exit code ${code})`);
    settle();
  });
  try {
    for (;;) {
      while (queue.length === 0 && failure === null) await new Promise<void>((resolve) => (wake = resolve));
      const batch = queue.shift();
      if (!batch) throw failure!;
      if (!batch.last) worker.postMessage(null);
      yield batch;
      if (batch.last) return;
    }
  } finally {
    await worker.terminate();
  }
}
