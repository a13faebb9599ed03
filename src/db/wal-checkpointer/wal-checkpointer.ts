import { Worker } from 'node:worker_threads';
import type { Logger } from '../../logging/logger.ts';

const WORKER_MODULE = new URL('./wal-checkpointer-worker.js', import.meta.url);
/**
 * Often enough that each run copies little (a surge writes ~35,000 pages a second) and that one of them
 * reaches the end of the WAL, and fsyncs the database file, well before a commit would (create-db.ts).
 */
const INTERVAL_MS = 200;

export interface WalCheckpointer {
  close(): Promise<void>;
}

/**
 * Keeps a served SQLite file's WAL copied into the database file from a thread
 * of its own. SQLite checkpoints inside whichever commit takes the WAL past
 * `wal_autocheckpoint` pages (create-db.ts): it writes every page since the
 * last checkpoint into the database file and fsyncs it, and the commit — an
 * intake batch on the writer thread, or a moderator's on the event loop —
 * waits for all of it. Under a surge that was a stall of a few hundred
 * milliseconds every second or two, and most of the intake's p99. Passive
 * checkpoints here do that copying beside the writers; when one reaches the
 * end of the WAL it fsyncs the database file too, and the next commit starts
 * the WAL over. A commit then checkpoints only if this thread falls behind.
 */
export function startWalCheckpointer(path: string, logger: Logger): WalCheckpointer {
  const worker = new Worker(WORKER_MODULE, {
    workerData: { path, intervalMs: INTERVAL_MS },
    resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 24 },
  });
  // Never what keeps the process alive.
  worker.unref();
  worker.on('message', (message: { type: 'failed'; message: string }) => logger.warn({ error: message.message }, 'WAL checkpoint failed'));
  // Without it the commits' own checkpoints still keep the WAL in bounds: a dead checkpointer is logged, not fatal.
  worker.on('error', (error) => logger.error({ err: { message: error.message, stack: error.stack } }, 'WAL checkpointer stopped'));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async close() {
      worker.ref();
      worker.postMessage({ type: 'close' });
      await exited;
    },
  };
}
