import type { Logger } from '../logging/logger.ts';
import type { PurgeReport } from '../services/outreach/retention-service.ts';
import { scheduleHourly } from './hourly.ts';

/**
 * Erases the numbers of campaigns past their retention (docs/outreach.md), every hour and once at
 * start. Each campaign is purged by one transaction that marks it first; another process finds it done.
 */
export function scheduleOutreachRetention(purgeDue: () => Promise<PurgeReport>, logger: Logger): () => Promise<void> {
  return scheduleHourly(
    'outreach retention',
    purgeDue,
    (report) => {
      if (report.campaigns > 0 || report.imports > 0) logger.info(report, 'outreach retention: numbers purged');
    },
    logger,
  );
}
