import type { Logger } from '../logging/logger.ts';
import type { PurgeReport } from '../services/outreach/retention-service.ts';

const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Erases the numbers of campaigns past their retention (docs/outreach.md), checked every hour and
 * once at start. Several server processes may run it: each campaign is purged by one transaction
 * that marks it first, and the others find it done.
 */
export function scheduleOutreachRetention(purgeDue: () => Promise<PurgeReport>, logger: Logger): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = purgeDue()
      .then((report) => {
        if (report.campaigns > 0 || report.imports > 0) logger.info(report, 'outreach retention: numbers purged');
      })
      .catch((error: Error) => logger.error({ err: { message: error.message } }, 'outreach retention failed'));
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
