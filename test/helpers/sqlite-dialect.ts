import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely } from 'kysely';
import { openSqliteFile } from '../../src/db/create-db.ts';
import { NodeSqliteDialect } from '../../src/db/node-sqlite/node-sqlite-dialect.ts';

export const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuidang-'));
// Several test files can run in one process (scripts/test.js), one after another: each closes its
// databases when it ends, and the folder goes when the process does.
process.once('exit', () => fs.rmSync(tempDir, { recursive: true, force: true }));
let fileCounter = 0;
/** Every database opened here, for closeAll. */
export const open: Kysely<any>[] = [];

/** A new database file's name in the temp dir. */
export const nextFile = () => path.join(tempDir, `db-${++fileCounter}.sqlite`);

/** A fresh database file in the temp dir (or `file` when given). */
export function openDb(file = nextFile()): { db: Kysely<any>; file: string } {
  const db = new Kysely<any>({ dialect: new NodeSqliteDialect(() => openSqliteFile(file)) });
  open.push(db);
  return { db, file };
}

export interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

export function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export async function createItems(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('qty', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

/** Destroys every database openDb has opened since the last call; each test file calls it after its tests. */
export async function closeAll(): Promise<void> {
  for (const db of open.splice(0)) await db.destroy().catch(() => undefined);
}
