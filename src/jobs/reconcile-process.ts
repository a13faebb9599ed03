import type { Config } from '../config.ts';
import { createServices } from '../composition.ts';

/** What the process sends back: the report, or why it failed (the parent logs it, see nightly-reconcile.ts). */
export type ReconcileMessage = { drift: boolean; total: number } | { error: string };

/**
 * The nightly reconciliation, in a process of its own (started by
 * nightly-reconcile.ts): recomputing the breakdowns holds a row per day and
 * distinct region, channel and center — hundreds of thousands at a million
 * declarations — more than the server's bounded heap can carry, and a process
 * of its own gives all of that memory back when it exits. Its own
 * connection; the counter lock makes it wait for, and hold off, status
 * changes, as `tuidang counter reconcile` does.
 */
process.once('message', (config: Config) => {
  reconcile(config)
    .catch((error: unknown): ReconcileMessage => {
      process.exitCode = 1;
      return { error: error instanceof Error ? error.message : String(error) };
    })
    .then((message) => process.send!(message, () => process.disconnect()))
    .catch(() => process.disconnect());
});

async function reconcile(config: Config): Promise<ReconcileMessage> {
  const { services, close } = await createServices(config, { migrate: false });
  try {
    const report = await services.counter.reconcile('system');
    return { drift: report.drift, total: report.totals.recomputed + report.carried.totals.recomputed };
  } finally {
    await close();
  }
}
