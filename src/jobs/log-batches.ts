import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/logger.ts';

/**
 * Appends the published changes to the transparency log every `minutes` (docs/transparency.md),
 * and once at start. Several servers may run it: batches take the log's lock in turn.
 *
 * A large backlog (the first build of a registry's log, after migration 0020) is many batches, each
 * holding the database's write lock while it runs: between two, the job waits as long as the last one
 * took, so intake and the server's requests have the lock and the event loop at least half the time
 * (docs/performance.md, "Intake while the log is built"). Stopping ends the run at the next pause.
 */
export function scheduleLogBatches(
  publish: (between: () => Promise<boolean>) => Promise<{ entries: number; size: number }>,
  minutes: number,
  logger: Logger,
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let resumed = performance.now();
  const between = async () => {
    if (stopped) return false;
    await sleep(performance.now() - resumed);
    resumed = performance.now();
    return !stopped;
  };
  const run = () => {
    running = running
      .then(() => {
        resumed = performance.now();
        return publish(between);
      })
      .then((report) => {
        if (report.entries > 0) logger.info(report, 'transparency log: batch appended');
      })
      .catch((error: Error) => logger.error({ err: { message: error.message } }, 'transparency log batch failed'));
  };
  run();
  const timer = setInterval(run, minutes * 60_000);
  timer.unref();
  // Stopping waits for a batch under way, so the database it writes to is not closed beneath it.
  return () => {
    stopped = true;
    clearInterval(timer);
    return running;
  };
}
