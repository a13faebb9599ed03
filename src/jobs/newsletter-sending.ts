import type { Logger } from '../logging/logger.ts';
import type { SendReport } from '../services/newsletter/sending.ts';

const RUN_EVERY_MS = 60 * 1000;

/**
 * Sends the newsletter's queued deliveries (docs/newsletter.md): a batch of at most 50 every minute,
 * so a large list goes out at a pace the mail server and the receiving providers accept, and retries
 * fall due on time. Several server processes may run it: each delivery is taken by a conditional
 * UPDATE before its mail leaves. `clock` is injected so tests move time instead of waiting.
 */
export function scheduleNewsletterSending(
  sendDue: (now: Date) => Promise<SendReport>,
  logger: Logger,
  clock: () => number = Date.now,
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const run = () => {
    // A batch that outlasts the minute (a slow mail server) is not overtaken by the next one.
    if (busy) return;
    busy = true;
    running = sendDue(new Date(clock()))
      .then((report) => {
        if (report.sent + report.retried + report.failed + report.purged > 0 || report.finished.length > 0)
          logger.info(report, 'newsletter: batch sent');
      })
      .catch((error: Error) => logger.error({ err: { message: error.message } }, 'newsletter sending failed'))
      .finally(() => {
        busy = false;
      });
  };
  run();
  const timer = setInterval(run, RUN_EVERY_MS);
  timer.unref();
  // Stopping waits for a batch under way, so the database it writes to is not closed beneath it.
  return () => {
    clearInterval(timer);
    return running;
  };
}
