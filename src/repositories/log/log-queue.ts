import type { LogQueueName } from '../../db/schema-log.ts';
import type { Executor } from '../executor.ts';

const IDS_PER_INSERT = 500;

/**
 * Moves a queue's count (migration 0024) by `change`, in the transaction that fills or empties the
 * queue, so the counter reads how many changes wait without counting them.
 */
export async function addQueued(db: Executor, queue: LogQueueName, change: number): Promise<void> {
  if (change === 0) return;
  await db
    .updateTable('log_queue_counts')
    .set((eb) => ({ queued: eb('queued', '+', change) }))
    .where('queue', '=', queue)
    .execute();
}

/**
 * Notes that these declarations entered or left the published count, in the transaction that moves
 * them (repositories/declarations/status.ts), so the next log batch finds every change and no other.
 * One row per change: a batch compares each declaration's state with what the log already says.
 */
export async function enqueueLogChanges(db: Executor, declarationIds: readonly number[]): Promise<void> {
  for (let start = 0; start < declarationIds.length; start += IDS_PER_INSERT) {
    const ids = declarationIds.slice(start, start + IDS_PER_INSERT);
    await db
      .insertInto('log_queue')
      .values(ids.map((declaration_id) => ({ declaration_id })))
      .execute();
  }
  await addQueued(db, 'statements', declarationIds.length);
}

/**
 * Notes that these days' carried-over figures changed, in the transaction that changes them (a totals
 * import, imported posts moving people to held here, reconciliation), so the next batch logs each
 * day's figure as it then stands.
 */
export async function enqueueCarriedChanges(db: Executor, days: readonly string[]): Promise<void> {
  for (let start = 0; start < days.length; start += IDS_PER_INSERT) {
    await db
      .insertInto('log_carried_queue')
      .values(days.slice(start, start + IDS_PER_INSERT).map((day) => ({ day })))
      .execute();
  }
  await addQueued(db, 'carried', days.length);
}
