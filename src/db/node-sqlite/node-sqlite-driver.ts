import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { CompiledQuery, SelectQueryNode, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import { DatabaseBusyError, LOCK_WAIT_MS, isSqliteBusy } from '../database-busy.ts';

const STATEMENT_CACHE_SIZE = 256;
/** Longest pause between two tries for the write lock: short, as SQLite's own busy handler polls. */
const MAX_RETRY_DELAY_MS = 50;

/**
 * One SQLite connection, lent to one Kysely caller at a time: a transaction
 * holds it from BEGIN to COMMIT, so concurrent callers queue instead of
 * interleaving their statements inside someone else's transaction.
 */
export class NodeSqliteDriver implements Driver {
  readonly #open: () => DatabaseSync;
  readonly #lockWaitMs: number;
  #database: DatabaseSync | undefined;
  #connection: NodeSqliteConnection | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(open: () => DatabaseSync, lockWaitMs = LOCK_WAIT_MS) {
    this.#open = open;
    this.#lockWaitMs = lockWaitMs;
  }

  async init(): Promise<void> {
    this.#database = this.#open();
    this.#connection = new NodeSqliteConnection(this.#database, this.#lockWaitMs);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = this.#connection;
    if (!connection) throw new Error('the SQLite driver is not initialised');
    let release!: () => void;
    const previous = this.#queue;
    this.#queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    connection.release = release;
    return connection;
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const sqliteConnection = connection as NodeSqliteConnection;
    const release = sqliteConnection.release;
    sqliteConnection.release = undefined;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // IMMEDIATE takes the write lock up front, so another process cannot make
    // this transaction fail half-way with SQLITE_BUSY on its first write.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // SQLite may already have rolled back (RAISE(ROLLBACK), disk full); a second
    // rollback would fail and hide the error that caused the first.
    if (!(connection as NodeSqliteConnection).inTransaction) return;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    await this.#queue;
    this.#connection?.clearCache();
    if (this.#database?.isOpen) this.#database.close();
    this.#database = undefined;
    this.#connection = undefined;
  }
}

export class NodeSqliteConnection implements DatabaseConnection {
  readonly #database: DatabaseSync;
  readonly #lockWaitMs: number;
  /** Prepared statements by SQL, with whether each returns rows (columns() builds its metadata on every call). */
  readonly #statements = new Map<string, { statement: StatementSync; returnsRows: boolean }>();
  release: (() => void) | undefined;

  constructor(database: DatabaseSync, lockWaitMs: number) {
    this.#database = database;
    this.#lockWaitMs = lockWaitMs;
  }

  /**
   * Another connection to the file (the intake writer thread, the server's, another process) may
   * hold the write lock. SQLite's busy handler waits for it only briefly (busy_timeout, create-db.ts),
   * blocking this thread, which on the event loop stalls every request; this waits the rest without
   * blocking, trying again until LOCK_WAIT_MS. Only a statement outside a transaction is tried again:
   * it failed whole, BEGIN IMMEDIATE included. Inside one, the lock is held already.
   */
  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return this.#execute(compiledQuery);
    } catch (error) {
      if (!isSqliteBusy(error) || this.#database.isTransaction) throw error;
      const deadline = performance.now() + this.#lockWaitMs;
      for (let delay = 1; ; delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS)) {
        if (performance.now() >= deadline) throw new DatabaseBusyError();
        await sleep(delay);
        try {
          return this.#execute(compiledQuery);
        } catch (again) {
          if (!isSqliteBusy(again) || this.#database.isTransaction) throw again;
        }
      }
    }
  }

  #execute<R>(compiledQuery: CompiledQuery): QueryResult<R> {
    const { statement, returnsRows } = this.#prepare(compiledQuery.sql);
    const parameters = compiledQuery.parameters as SQLInputValue[];
    if (returnsRows) {
      return { rows: statement.all(...parameters) as R[] };
    }
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return {
      rows: [],
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
    };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) {
      throw new Error('the SQLite driver streams only SELECT queries');
    }
    const statement = this.#database.prepare(compiledQuery.sql);
    for (const row of statement.iterate(...(compiledQuery.parameters as SQLInputValue[]))) {
      yield { rows: [row as R] };
    }
  }

  get inTransaction(): boolean {
    return this.#database.isTransaction;
  }

  /** A prepared statement from this connection's cache, for a repository's bulk path (db/engine.ts, onSqlite). */
  prepared(sql: string): StatementSync {
    return this.#prepare(sql).statement;
  }

  clearCache(): void {
    this.#statements.clear();
  }

  #prepare(sql: string): { statement: StatementSync; returnsRows: boolean } {
    const cached = this.#statements.get(sql);
    if (cached) {
      // Re-insert to keep the map in least-recently-used order.
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.#database.prepare(sql);
    const prepared = { statement, returnsRows: statement.columns().length > 0 };
    this.#statements.set(sql, prepared);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return prepared;
  }
}
