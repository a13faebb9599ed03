import type { Logger } from '../logging/logger.ts';

/**
 * Writes the audit chain's head to the anchors file in the data dir (crypto/audit-anchors.ts) every
 * `seconds`, when it moved, and once more on stopping. Entries newer than the last anchor are the
 * only ones a database writer could cut off the end of the log unseen (docs/threat-model.md).
 */
export function scheduleAuditAnchoring(anchor: () => Promise<boolean>, seconds: number, logger: Logger): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running
      .then(anchor)
      .then(() => undefined)
      .catch((error: Error) => logger.error({ err: { message: error.message } }, 'audit anchoring failed'));
  };
  run();
  const timer = setInterval(run, seconds * 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    run();
    return running;
  };
}
