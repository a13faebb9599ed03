import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import {
  CompiledQuery,
  SelectQueryNode,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';

const STATEMENT_CACHE_SIZE = 256;

/**
 * One SQLite connection, lent to one Kysely caller at a time: a transaction
 * holds it from BEGIN to COMMIT, so concurrent callers queue instead of
 * interleaving their statements inside someone else's transaction.
 */
export class NodeSqliteDriver implements Driver {
  readonly #open: () => DatabaseSync;
  #database: DatabaseSync | undefined;
  #connection: NodeSqliteConnection | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(open: () => DatabaseSync) {
    this.#open = open;
  }

  async init(): Promise<void> {
    this.#database = this.#open();
    this.#connection = new NodeSqliteConnection(this.#database);
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

class NodeSqliteConnection implements DatabaseConnection {
  readonly #database: DatabaseSync;
  /** Prepared statements by SQL, with whether each returns rows (columns() builds its metadata on every call). */
  readonly #statements = new Map<string, { statement: StatementSync; returnsRows: boolean }>();
  release: (() => void) | undefined;

  constructor(database: DatabaseSync) {
    this.#database = database;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
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
