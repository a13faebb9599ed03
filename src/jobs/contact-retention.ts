import type { Logger } from '../logging/logger.ts';

const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Erases declarants' contacts past their retention (config `vault.contactRetentionDays`), every hour
 * and once at start. Several server processes may run it: each batch is one transaction, and the
 * others find those rows already erased.
 */
export function scheduleContactRetention(purgeDue: () => Promise<number>, logger: Logger): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = purgeDue()
      .then((count) => {
        if (count > 0) logger.info({ count }, 'contact retention: contacts erased');
      })
      .catch((error: Error) => logger.error({ err: { message: error.message } }, 'contact retention failed'));
  };
  run();
  const timer = setInterval(run, CHECK_EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    return running;
  };
}
