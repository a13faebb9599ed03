import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setImmediate as nextMacrotask, setTimeout as sleep } from 'node:timers/promises';
import { Kysely, sql } from 'kysely';
import { BUSY_TIMEOUT_MS, openSqliteFile } from '../create-db.ts';
import { DatabaseBusyError } from '../database-busy.ts';
import { NodeSqliteDialect } from './node-sqlite-dialect.ts';

import { openDb, deferred, createItems, closeAll, tempDir, open, nextFile } from '../../../test/helpers/sqlite-dialect.ts';

after(closeAll);

describe('NodeSqliteDialect: openSqliteFile settings', () => {
  let db: Kysely<any>;

  before(async () => {
    db = openDb().db;
  });

  it('uses WAL, synchronous=FULL, foreign_keys=ON and a busy timeout', async () => {
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    assert.equal(journal.rows[0]?.journal_mode, 'wal');
    const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
    assert.equal(synchronous.rows[0]?.synchronous, 2);
    const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    assert.equal(foreignKeys.rows[0]?.foreign_keys, 1);
    const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db);
    assert.equal(busy.rows[0]?.timeout, BUSY_TIMEOUT_MS);
  });

  it('rejects a foreign key violation', async () => {
    await db.schema
      .createTable('owners')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .execute();
    await db.schema
      .createTable('pets')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('owner_id', 'integer', (c) => c.notNull().references('owners.id'))
      .execute();
    await assert.rejects(db.insertInto('pets').values({ id: 1, owner_id: 42 }).execute(), /FOREIGN KEY constraint failed/);
    await db.insertInto('owners').values({ id: 42 }).execute();
    await db.insertInto('pets').values({ id: 1, owner_id: 42 }).execute();
    await assert.rejects(db.deleteFrom('owners').where('id', '=', 42).execute(), /FOREIGN KEY constraint failed/);
  });

  it('creates missing parent directories', async () => {
    const nested = path.join(tempDir, 'a', 'b', 'c', 'nested.sqlite');
    const { db: nestedDb } = openDb(nested);
    await sql`select 1`.execute(nestedDb);
    assert.ok(fs.existsSync(nested));
  });
});

describe('NodeSqliteDialect: lifecycle and multiple connections', () => {
  it('data committed before destroy() is seen by a new Kysely on the same file', async () => {
    const { db, file } = openDb();
    await createItems(db);
    await db.insertInto('items').values({ name: 'persisted', qty: 9 }).execute();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'persisted-in-trx', qty: 10 }).execute();
    });
    await db.destroy();

    const { db: reopened } = openDb(file);
    const rows = await reopened.selectFrom('items').select(['name', 'qty']).orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => ({ ...r })),
      [
        { name: 'persisted', qty: 9 },
        { name: 'persisted-in-trx', qty: 10 },
      ],
    );
    await reopened.destroy();
  });

  it('destroy() waits for a running transaction to finish', async () => {
    const { db, file } = openDb();
    await createItems(db);
    const inTransaction = deferred();
    const letGo = deferred();
    const trx = db.transaction().execute(async (t) => {
      inTransaction.resolve();
      await letGo.promise;
      await t.insertInto('items').values({ name: 'late' }).execute();
    });
    await inTransaction.promise;
    let destroyed = false;
    const destroying = db.destroy().then(() => (destroyed = true));
    await nextMacrotask();
    assert.equal(destroyed, false, 'destroy() did not wait for the transaction');
    letGo.resolve();
    await destroying;
    await trx;
    const { db: reopened } = openDb(file);
    const row = await reopened.selectFrom('items').selectAll().where('name', '=', 'late').executeTakeFirst();
    assert.equal(row?.name, 'late');
    await reopened.destroy();
  });

  it('data committed in one instance is visible in another open on the same file', async () => {
    const { db: a, file } = openDb();
    await createItems(a);
    const { db: b } = openDb(file);

    // b opens its connection before a writes.
    assert.deepEqual(await b.selectFrom('items').selectAll().execute(), []);

    await a.insertInto('items').values({ name: 'from-a', qty: 1 }).execute();
    const seenByB = await b.selectFrom('items').select('name').execute();
    assert.deepEqual(
      seenByB.map((r) => r.name),
      ['from-a'],
    );

    await b.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'from-b', qty: 2 }).execute();
    });
    const seenByA = await a.selectFrom('items').select('name').orderBy('id').execute();
    assert.deepEqual(
      seenByA.map((r) => r.name),
      ['from-a', 'from-b'],
    );

    // Uncommitted data in a is not visible to b.
    const inTransaction = deferred();
    const letGo = deferred();
    const trx = a.transaction().execute(async (t) => {
      await t.insertInto('items').values({ name: 'uncommitted' }).execute();
      inTransaction.resolve();
      await letGo.promise;
    });
    await inTransaction.promise;
    const duringTrx = await b.selectFrom('items').selectAll().where('name', '=', 'uncommitted').execute();
    assert.deepEqual(duringTrx, []);
    letGo.resolve();
    await trx;
    const afterTrx = await b.selectFrom('items').selectAll().where('name', '=', 'uncommitted').execute();
    assert.equal(afterTrx.length, 1);

    await a.destroy();
    await b.destroy();
  });
});

describe('NodeSqliteDialect: another connection holds the write lock', () => {
  it('a transaction waits for it without blocking the event loop, and begins once it is free', async () => {
    const { db, file } = openDb();
    await createItems(db);
    const other = openSqliteFile(file);
    other.exec('begin immediate');
    let settled = false;
    const entered = db
      .transaction()
      .execute((trx) => trx.insertInto('items').values({ name: 'waited' }).execute())
      .finally(() => {
        settled = true;
      });
    // Turns of the event loop that need timers to fire: a driver that waited for the lock in one blocking
    // call would let none of them run until it gave up (LOCK_WAIT_MS), and would then have failed.
    for (let turn = 0; turn < 20; turn++) await sleep(1);
    assert.equal(settled, false, 'the transaction still waits while the event loop runs');
    other.exec('commit');
    other.close();
    await entered;
    assert.equal((await db.selectFrom('items').select('name').execute()).length, 1);
  });

  it('after the lock wait, a write gives up with DatabaseBusyError and writes nothing', async () => {
    const file = nextFile();
    const db = new Kysely<any>({ dialect: new NodeSqliteDialect(() => openSqliteFile(file), BUSY_TIMEOUT_MS * 5) });
    open.push(db);
    await createItems(db);
    const other = openSqliteFile(file);
    other.exec('begin immediate');
    try {
      await assert.rejects(
        db.transaction().execute((trx) => trx.insertInto('items').values({ name: 'late' }).execute()),
        DatabaseBusyError,
      );
      await assert.rejects(db.insertInto('items').values({ name: 'late' }).execute(), DatabaseBusyError);
    } finally {
      other.exec('rollback');
      other.close();
    }
    assert.equal((await db.selectFrom('items').select('name').execute()).length, 0);
    await db.insertInto('items').values({ name: 'after' }).execute();
  });
});
