import { statSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { isPostgres, sqliteFilePath } from './engine.ts';

/** Answers once the database takes a query; rejects otherwise. The readiness check and the writer thread's ping use it. */
export async function pingDatabase(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}

/** What the database occupies on disk, in bytes: the data, and its write-ahead log (null where it cannot be read). */
export interface StorageSizes {
  database: number | null;
  wal: number | null;
}

/**
 * SQLite: the sizes of the file and its -wal file. PostgreSQL: pg_database_size, and the WAL directory's
 * total from pg_ls_waldir(), which needs the pg_monitor role (or superuser); without it the WAL is null,
 * never an error, so a scrape does not fail on a role the operator chose not to grant.
 */
export async function storageSizes(db: Kysely<any>, databaseUrl: string): Promise<StorageSizes> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ size: string }>`select pg_database_size(current_database()) as size`.execute(db);
    const wal = await sql<{ size: string | null }>`select sum(size) as size from pg_ls_waldir()`.execute(db).then(
      (result) => result.rows[0]?.size ?? null,
      () => null,
    );
    return { database: Number(rows[0]!.size), wal: wal === null ? null : Number(wal) };
  }
  const path = sqliteFilePath(databaseUrl);
  if (path === undefined) return { database: null, wal: null };
  return { database: fileSize(path), wal: fileSize(`${path}-wal`) ?? 0 };
}

function fileSize(path: string): number | null {
  return statSync(path, { throwIfNoEntry: false })?.size ?? null;
}
