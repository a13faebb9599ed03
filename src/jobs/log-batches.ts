import type { Logger } from '../logging/logger.ts';

/**
 * Appends the published changes to the transparency log every `minutes` (docs/transparency.md),
 * and once at start. Several servers may run it: batches take the log's lock in turn.
 */
export function scheduleLogBatches(
  publish: () => Promise<{ entries: number; size: number }>,
  minutes: number,
  logger: Logger,
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running
      .then(() => publish())
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
    clearInterval(timer);
    return running;
  };
}
