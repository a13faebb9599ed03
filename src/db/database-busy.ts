/**
 * How long a write waits for another connection to let go of the database, on any engine path that
 * can wait: a SQLite connection (the server's, the intake writer's) tries again until then. Far
 * longer than any transaction of ours holds the lock (a batch of 500 people takes milliseconds), so
 * only a stalled disk or a stuck process makes a write give up.
 */
export const LOCK_WAIT_MS = 30_000;

/** What a client is told to wait before trying again, when a write gave up. */
export const BUSY_RETRY_AFTER_SECONDS = 10;

/** The database stayed locked by another writer for LOCK_WAIT_MS: nothing was written, and trying again later may work. */
export class DatabaseBusyError extends Error {
  constructor(message = `the database stayed locked for ${LOCK_WAIT_MS / 1000} s`) {
    super(message);
    this.name = 'DatabaseBusyError';
  }
}

/** SQLITE_BUSY and its extended codes (BUSY_RECOVERY, BUSY_SNAPSHOT, BUSY_TIMEOUT), as node:sqlite reports them. */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' && (code & 0xff) === 5;
}
