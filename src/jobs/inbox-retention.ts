import type { Logger } from '../logging/logger.ts';
import { scheduleHourly } from './hourly.ts';

/**
 * Purges inbox items past their retention (docs/inbox.md), every hour and once at start. Each item is
 * deleted by one transaction; another process finds it gone.
 */
export function scheduleInboxRetention(
  purgeDue: () => Promise<{ items: number; attachments: number }>,
  logger: Logger,
): () => Promise<void> {
  return scheduleHourly(
    'inbox retention',
    purgeDue,
    (report) => {
      if (report.items > 0) logger.info(report, 'inbox retention: items purged');
    },
    logger,
  );
}
