import type { Config } from '../config.ts';
import { createServices } from '../composition.ts';

/**
 * The nightly reconciliation, in a process of its own (started by
 * nightly-reconcile.ts): recomputing the breakdowns holds a row per day and
 * distinct region, channel and center — hundreds of thousands at a million
 * declarations — more than the server's bounded heap can carry, and a process
 * of its own gives all of that memory back when it exits. Its own
 * connection; the counter lock makes it wait for, and hold off, status
 * changes, as `tuidang counts reconcile` does.
 */
process.once('message', async (config: Config) => {
  const { services, close } = await createServices(config, { migrate: false });
  try {
    const report = await services.counter.reconcile('system');
    process.send!({ drift: report.drift, total: report.totals.recomputed });
  } finally {
    await close();
    process.disconnect();
  }
});
