import type { Executor } from '../executor.ts';

const IDS_PER_INSERT = 500;

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
}
