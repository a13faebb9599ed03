import type { Logger } from '../logging/logger.ts';

const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * A retention job: `work` once at start, then every hour; `done` hears of each run's outcome, and a
 * failure is logged under `name`. Several server processes may run the same job, so each run must
 * find what another already did. Stopping waits for a run under way, so the database it writes to
 * is not closed beneath it.
 */
export function scheduleHourly<T>(name: string, work: () => Promise<T>, done: (outcome: T) => void, logger: Logger): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = work()
      .then(done)
      .catch((error: Error) => logger.error({ err: { message: error.message } }, `${name} failed`));
  };
  run();
  const timer = setInterval(run, CHECK_EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    return running;
  };
}
