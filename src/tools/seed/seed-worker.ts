import { parentPort, workerData } from 'node:worker_threads';
import type { RecomputedCounter } from '../../repositories/counter-repository.ts';
import { BatchEncoder, batchBuffers, type RowBatch } from './seed-batch.ts';
import { CounterAccumulator } from './seed-counter.ts';
import { generatePosts, type SeedPlan } from './seed-generator.ts';
import { GramWriter } from './seed-grams.ts';
import { POST_COLUMN_KINDS, postValues } from './seed-rows.ts';

/**
 * The generating half of a SQLite seed, on its own thread so that generating
 * and inserting each have a core: it sends rows (ids from idBase + 1, and
 * POST_COLUMNS) in batches, then what the counters must say, then, if asked,
 * writes the search grams to their own file while the registry's indexes are
 * being built.
 */
export interface SeedTask {
  plan: SeedPlan;
  idBase: number;
  rowsPerBatch: number;
  /** Batches sent but not yet acknowledged: enough to never leave the writer waiting, few enough to bound memory. */
  batchesAhead: number;
  grams: { path: string; tableSql: string } | null;
}

export type SeedMessage = { kind: 'rows'; batch: RowBatch } | { kind: 'counts'; counts: RecomputedCounter } | { kind: 'grams-written' };

const port = parentPort!;
const task = workerData as SeedTask;
// Every message from the writer says that it has inserted one more batch.
let credit = task.batchesAhead;
let wake: (() => void) | null = null;
port.on('message', () => {
  credit++;
  wake?.();
  wake = null;
});

async function sendRows(batch: RowBatch): Promise<void> {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit--;
  port.postMessage({ kind: 'rows', batch } satisfies SeedMessage, batchBuffers(batch));
}

const encoder = new BatchEncoder(POST_COLUMN_KINDS, task.rowsPerBatch);
const counts = new CounterAccumulator();
const grams = task.grams ? new GramWriter(task.grams.path, task.grams.tableSql) : null;
let id = task.idBase;
for (const post of generatePosts(task.plan)) {
  id++;
  encoder.add(id, postValues(post, task.idBase));
  counts.add(post);
  if (grams && post.status === 'published' && post.duplicateOf === null) grams.add(id, post.title, post.region);
  if (encoder.size === task.rowsPerBatch) await sendRows(encoder.take());
}
if (encoder.size > 0) await sendRows(encoder.take());
port.postMessage({ kind: 'counts', counts: counts.result() } satisfies SeedMessage);
if (grams) {
  grams.finish();
  port.postMessage({ kind: 'grams-written' } satisfies SeedMessage);
}
port.close();
