import type { Logger } from '../logging/logger.ts';
import type { CounterService } from '../services/counter-service.ts';

const CHECK_EVERY_MS = 10 * 60 * 1000;
/** Reconciliation runs in the quiet hour after 03:00 in the counting time zone. */
const RUN_HOUR = 3;

function hourIn(timeZone: string, at: Date): { day: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/**
 * Once a night, reconciles the counters with the statements. Several server
 * processes may each run it: the runs queue on the counter lock and the
 * second finds nothing to repair.
 */
export function scheduleNightlyReconcile(counter: CounterService, timeZone: string, logger: Logger): () => void {
  let lastRunDay: string | undefined;
  const timer = setInterval(() => {
    const { day, hour } = hourIn(timeZone, new Date());
    if (hour !== RUN_HOUR || lastRunDay === day) return;
    lastRunDay = day;
    counter
      .reconcile('system')
      .then((report) => logger.info({ drift: report.drift, total: report.totals.recomputed }, 'nightly reconciliation'))
      .catch((error: Error) => logger.error({ err: { message: error.message } }, 'nightly reconciliation failed'));
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
