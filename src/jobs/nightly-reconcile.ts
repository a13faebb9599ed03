import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { hourIn } from '../domain/counter/counting-day.ts';
import type { Logger } from '../logging/logger.ts';
import { ownModule, ownModuleExecArgv } from '../runtime/worker-thread.ts';
import type { ReconcileMessage } from './reconcile-process.ts';

const CHECK_EVERY_MS = 10 * 60 * 1000;
/** Reconciliation runs in the quiet hour after 03:00 in the counting time zone. */
const RUN_HOUR = 3;
/** The reconciliation's heap bound, apart from the server's (see reconcile-process.ts). */
const RECONCILE_HEAP_MB = 2048;

/**
 * Once a night, reconciles the counters with the statements, in a child
 * process. Several server processes may each run it: the runs queue on the
 * counter lock and the second finds nothing to repair.
 */
export function scheduleNightlyReconcile(config: Config, logger: Logger): () => void {
  let lastRunDay: string | undefined;
  const timer = setInterval(() => {
    const { day, hour } = hourIn(new Date(), config.timeZone);
    if (hour !== RUN_HOUR || lastRunDay === day) return;
    lastRunDay = day;
    reconcileInChildProcess(config)
      .then((report) => logger.info(report, 'nightly reconciliation'))
      .catch((error: Error) => logger.error({ err: { message: error.message } }, 'nightly reconciliation failed'));
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export function reconcileInChildProcess(config: Config): Promise<{ drift: boolean; total: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(ownModule(new URL('./reconcile-process.ts', import.meta.url))), {
      execArgv: [...ownModuleExecArgv(), `--max-old-space-size=${RECONCILE_HEAP_MB}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: ReconcileMessage | undefined;
    child.once('message', (message: ReconcileMessage) => {
      answer = message;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (answer && 'error' in answer) reject(new Error(`the reconciliation failed: ${answer.error}`));
      else if (answer && code === 0) resolve(answer);
      else reject(new Error(`the reconciliation process stopped (exit code ${code})`));
    });
    child.send(config);
  });
}
