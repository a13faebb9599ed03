import type { DatabaseSync } from 'node:sqlite';
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
} from 'kysely';
import { NodeSqliteDriver } from './node-sqlite-driver.ts';

/**
 * SQLite rolls back schema changes like any other (Kysely's adapter assumes it
 * cannot), so each migration runs in a transaction and a failed one leaves nothing behind.
 */
class NodeSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Kysely dialect for the built-in `node:sqlite` module. Kysely's own SQLite
 * dialect targets better-sqlite3 (a native build) and shares one connection
 * without a lock; this one serialises connection use and caches statements.
 */
export class NodeSqliteDialect implements Dialect {
  readonly #open: () => DatabaseSync;
  readonly #lockWaitMs: number | undefined;

  /** `lockWaitMs`: how long a statement waits for another connection's write lock (LOCK_WAIT_MS). */
  constructor(open: () => DatabaseSync, lockWaitMs?: number) {
    this.#open = open;
    this.#lockWaitMs = lockWaitMs;
  }

  createDriver(): Driver {
    return new NodeSqliteDriver(this.#open, this.#lockWaitMs);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new NodeSqliteAdapter();
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
