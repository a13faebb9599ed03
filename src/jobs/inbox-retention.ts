import type { Logger } from '../logging/logger.ts';

const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Purges inbox items past their retention (docs/inbox.md), every hour and once at start. Several
 * server processes may run it: each item is deleted by one transaction, and the others find it gone.
 */
export function scheduleInboxRetention(
  purgeDue: () => Promise<{ items: number; attachments: number }>,
  logger: Logger,
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = purgeDue()
      .then((report) => {
        if (report.items > 0) logger.info(report, 'inbox retention: items purged');
      })
      .catch((error: Error) => logger.error({ err: { message: error.message } }, 'inbox retention failed'));
  };
  run();
  const timer = setInterval(run, CHECK_EVERY_MS);
  timer.unref();
  // Stopping waits for a run under way, so the database it writes to is not closed beneath it.
  return () => {
    clearInterval(timer);
    return running;
  };
}
