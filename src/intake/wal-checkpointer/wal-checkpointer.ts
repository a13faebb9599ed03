import type { Logger } from '../../logging/logger.ts';
import { boundedWorker } from '../../runtime/worker-thread.ts';

const WORKER_MODULE = new URL('./wal-checkpointer-worker.js', import.meta.url);
/** Often enough that a connection's own checkpoint (every 10,000 pages) finds little left to copy. */
const INTERVAL_MS = 500;

export interface WalCheckpointer {
  close(): Promise<void>;
}

/**
 * Keeps a served SQLite file's WAL copied into the database file from a thread
 * of its own. SQLite checkpoints inside whichever commit takes the WAL past
 * `wal_autocheckpoint` pages (create-db.ts): it writes every page since the
 * last checkpoint into the database file and fsyncs it, and the commit — an
 * intake batch on the writer thread, or a moderator's on the event loop —
 * waits for all of it. Under a surge that stall was most of the intake's p99
 * (docs/performance.md, "Measurements behind the code"). Passive
 * checkpoints here do that copying beside the writers, so the checkpoint a
 * commit still runs (it keeps the WAL bounded and lets SQLite start it over)
 * finds almost nothing left to copy.
 */
export function startWalCheckpointer(path: string, logger: Logger): WalCheckpointer {
  const worker = boundedWorker(WORKER_MODULE, {
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
