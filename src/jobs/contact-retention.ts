import type { Logger } from '../logging/logger.ts';
import { scheduleHourly } from './hourly.ts';

/**
 * Erases declarants' contacts past their retention (config `vault.contactRetentionDays`), every hour
 * and once at start. Each batch is one transaction; another process finds those rows already erased.
 */
export function scheduleContactRetention(purgeDue: () => Promise<number>, logger: Logger): () => Promise<void> {
  return scheduleHourly(
    'contact retention',
    purgeDue,
    (count) => {
      if (count > 0) logger.info({ count }, 'contact retention: contacts erased');
    },
    logger,
  );
}
