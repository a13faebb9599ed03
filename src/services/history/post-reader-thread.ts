import { open } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { typeScriptWorker } from '../../runtime/worker-thread.ts';
import type { PostBatch, PostReading } from './post-batches.ts';
import type { PostPart, PostReaderTask } from './post-reader-worker.ts';
import { unpackBatch, type PackedBatch } from './post-transfer.ts';

/**
 * Bytes of JSON Lines a part, cut at the end of a line: about three batches of posts. Parts dealt in
 * turn keep every reader busy only if a reader can read its whole next part while the writer takes
 * the others' (BATCHES_AHEAD), and a part's last batch is short, so a part is a few batches.
 */
const PART_BYTES = 4 << 20;
/** Batches a reader may have sent before the writer takes one: with one reader, the next while this one is written. */
const BATCHES_AHEAD = { one: 1, several: 4 };
/** How far past a nominal cut its line's end is looked for, first and at most: a longer line is no post (post-source.ts). */
const LINE_SEARCH_BYTES = [4096, 256 * 1024 + 1];

/**
 * The rest of an export cut into parts at lines' ends, for several readers. Only JSON Lines: a JSON
 * line holds no line break, while a CSV record may (inside quotes), so a CSV is one part. A cut
 * whose line runs past the longest a post may be is left out, and its part joins the next.
 */
async function cutAtLines(reading: PostReading, partBytes: number): Promise<PostPart[]> {
  const end = reading.file.size;
  const from = reading.from.byte;
  if (reading.file.format !== 'jsonl' || end - from <= partBytes) return [{ start: from, end }];
  const cuts = [from];
  const handle = await open(reading.path, 'r');
  try {
    const buffer = Buffer.alloc(LINE_SEARCH_BYTES.at(-1)!);
    for (let nominal = from + partBytes; nominal < end; nominal += partBytes) {
      for (const length of LINE_SEARCH_BYTES) {
        // From the byte before the cut: a line that ends just before it is cut there.
        const { bytesRead } = await handle.read(buffer, 0, length, nominal - 1);
        const newline = buffer.subarray(0, bytesRead).indexOf(10);
        if (newline < 0) continue;
        const cut = nominal + newline;
        if (cut < end && cut > cuts.at(-1)!) cuts.push(cut);
        break;
      }
    }
  } finally {
    await handle.close();
  }
  return cuts.map((start, index) => ({ start, end: cuts[index + 1] ?? end }));
}

/** A batch read from a part whose first line is numbered 0, renumbered from the part's first line. */
function renumbered(batch: PostBatch, base: number, last: boolean): PostBatch {
  return {
    ...batch,
    lines: batch.lines.map((line) => line + base),
    rejects: batch.rejects.map((reject) => ({ ...reject, line: reject.line + base })),
    end: { bytes: batch.end.bytes, next: batch.end.next + base },
    last,
  };
}

/** One reader: its batches as they come, in its parts' order, and the credit that keeps it at most BATCHES_AHEAD ahead. */
class Reader {
  readonly queue: PackedBatch[] = [];
  failure: Error | null = null;
  #wake: (() => void) | null = null;

  constructor(readonly worker: Worker) {
    worker.on('message', (batch: PackedBatch) => {
      this.queue.push(batch);
      this.#settle();
    });
    worker.on('error', (error) => {
      this.failure ??= error;
      this.#settle();
    });
    worker.on('exit', (code) => {
      this.failure ??= new Error(`a post reader ended before the end of its part (exit code ${code})`);
      this.#settle();
    });
  }

  async next(): Promise<PostBatch> {
    while (this.queue.length === 0 && this.failure === null) await new Promise<void>((resolve) => (this.#wake = resolve));
    const batch = this.queue.shift();
    if (!batch) throw this.failure!;
    this.worker.postMessage(null);
    return unpackBatch(batch);
  }

  #settle() {
    this.#wake?.();
    this.#wake = null;
  }
}

/**
 * readPostBatches run on worker threads: the same batches, in the order of the file, read and checked
 * while the batch before is being written. A JSON Lines export is cut into parts at lines' ends and
 * the parts dealt to `readers` threads in turn; the batches are taken back part by part, each part's
 * lines numbered on from the one before. (A part's last batch may be short.) An error in a worker
 * rejects the batch awaited; the workers are stopped when the caller stops asking (the end, an error,
 * or a run stopped).
 */
export async function* threadedPostBatches(reading: PostReading, readers: number, partBytes = PART_BYTES): AsyncGenerator<PostBatch> {
  const parts = await cutAtLines(reading, partBytes);
  const count = Math.max(1, Math.min(readers, parts.length));
  const threads = Array.from({ length: count }, (_, index) => {
    const task: PostReaderTask = {
      reading,
      parts: parts.filter((_, part) => part % count === index),
      ahead: count === 1 ? BATCHES_AHEAD.one : BATCHES_AHEAD.several,
    };
    return new Reader(typeScriptWorker(new URL('./post-reader-worker.ts', import.meta.url), { workerData: task }));
  });
  try {
    let base = reading.from.line;
    for (let part = 0; part < parts.length; part++) {
      const reader = threads[part % count]!;
      for (;;) {
        const batch = await reader.next();
        const lastOfFile = batch.last && part === parts.length - 1;
        const numbered = renumbered(batch, base, lastOfFile);
        yield numbered;
        if (batch.last) {
          base = numbered.end.next;
          break;
        }
      }
    }
  } finally {
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }
}
