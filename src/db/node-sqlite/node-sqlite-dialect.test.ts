import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setImmediate as nextMacrotask, setTimeout as sleep } from 'node:timers/promises';
import { Kysely, sql } from 'kysely';
import { BUSY_TIMEOUT_MS, openSqliteFile } from '../create-db.ts';
import { DatabaseBusyError } from '../database-busy.ts';
import { NodeSqliteDialect } from './node-sqlite-dialect.ts';

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuidang-'));
let fileCounter = 0;
const open: Kysely<any>[] = [];

/** A fresh database file in the temp dir (or `file` when given). */
function openDb(file = path.join(tempDir, `db-${++fileCounter}.sqlite`)): { db: Kysely<any>; file: string } {
  const db = new Kysely<any>({ dialect: new NodeSqliteDialect(() => openSqliteFile(file)) });
  open.push(db);
  return { db, file };
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function createItems(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('qty', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

after(async () => {
  for (const db of open) await db.destroy().catch(() => undefined);
  fs.rmSync(tempDir, { recursive: true, force: true });
});

describe('NodeSqliteDialect: basic queries', () => {
  let db: Kysely<any>;

  before(async () => {
    db = openDb().db;
    await createItems(db);
  });

  it('inserts with returning', async () => {
    const row = await db.insertInto('items').values({ name: 'apple', qty: 3 }).returning(['id', 'name', 'qty']).executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { id: 1, name: 'apple', qty: 3 });

    const rows = await db
      .insertInto('items')
      .values([
        { name: 'banana', qty: 5 },
        { name: 'cherry', qty: 7 },
      ])
      .returningAll()
      .execute();
    assert.deepEqual(
      rows.map((r) => ({ ...r })),
      [
        { id: 2, name: 'banana', qty: 5 },
        { id: 3, name: 'cherry', qty: 7 },
      ],
    );
  });

  it('reports insertId and numInsertedOrUpdatedRows as bigint', async () => {
    const result = await db.insertInto('items').values({ name: 'date', qty: 1 }).executeTakeFirstOrThrow();
    assert.equal(typeof result.insertId, 'bigint');
    assert.equal(result.insertId, 4n);
    assert.equal(result.numInsertedOrUpdatedRows, 1n);
  });

  it('selects with where and orderBy', async () => {
    const rows = await db.selectFrom('items').select(['name', 'qty']).where('qty', '>', 2).orderBy('qty', 'desc').execute();
    assert.deepEqual(
      rows.map((r) => ({ ...r })),
      [
        { name: 'cherry', qty: 7 },
        { name: 'banana', qty: 5 },
        { name: 'apple', qty: 3 },
      ],
    );
    const none = await db.selectFrom('items').selectAll().where('name', '=', 'nothing').execute();
    assert.deepEqual(none, []);
  });

  it('update reports numUpdatedRows as bigint', async () => {
    const result = await db.updateTable('items').set({ qty: sql`qty + 1` }).where('qty', '<', 6).executeTakeFirstOrThrow();
    assert.equal(typeof result.numUpdatedRows, 'bigint');
    assert.equal(result.numUpdatedRows, 3n); // apple 3, banana 5, date 1

    const none = await db.updateTable('items').set({ qty: 0 }).where('name', '=', 'nothing').executeTakeFirstOrThrow();
    assert.equal(none.numUpdatedRows, 0n);
  });

  it('delete reports numDeletedRows as bigint', async () => {
    const result = await db.deleteFrom('items').where('name', 'in', ['date', 'cherry']).executeTakeFirstOrThrow();
    assert.equal(typeof result.numDeletedRows, 'bigint');
    assert.equal(result.numDeletedRows, 2n);
    const names = await db.selectFrom('items').select('name').orderBy('id').execute();
    assert.deepEqual(
      names.map((r) => r.name),
      ['apple', 'banana'],
    );
  });

  it('runs raw sql with parameters', async () => {
    const result = await sql<{ total: number }>`select sum(qty) as total from items where name <> ${'nothing'}`.execute(db);
    assert.equal(result.rows[0]?.total, 4 + 6);
  });

  it('a unique constraint violation surfaces as an error and leaves the connection usable', async () => {
    await assert.rejects(db.insertInto('items').values({ name: 'apple', qty: 1 }).execute(), /UNIQUE constraint failed/);
    // The connection was released and the next query works.
    const count = await db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(count.n, 2);
    const inserted = await db.insertInto('items').values({ name: 'elderberry' }).executeTakeFirstOrThrow();
    assert.equal(inserted.numInsertedOrUpdatedRows, 1n);
  });

  it('a syntax error surfaces and leaves the connection usable', async () => {
    await assert.rejects(sql`selec 1`.execute(db), /syntax error/);
    const result = await sql<{ one: number }>`select 1 as one`.execute(db);
    assert.equal(result.rows[0]?.one, 1);
  });
});

describe('NodeSqliteDialect: transactions', () => {
  let db: Kysely<any>;

  before(async () => {
    db = openDb().db;
    await createItems(db);
    await db.schema
      .createTable('counter')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();
    await db.insertInto('counter').values({ id: 1, value: 0 }).execute();
  });

  it('commits a successful transaction', async () => {
    const id = await db.transaction().execute(async (trx) => {
      const r = await trx.insertInto('items').values({ name: 'committed' }).executeTakeFirstOrThrow();
      return r.insertId;
    });
    const row = await db.selectFrom('items').selectAll().where('id', '=', Number(id)).executeTakeFirst();
    assert.equal(row?.name, 'committed');
  });

  it('rolls back a transaction that throws', async () => {
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ name: 'rolled-back' }).execute();
        const inside = await trx.selectFrom('items').selectAll().where('name', '=', 'rolled-back').execute();
        assert.equal(inside.length, 1); // visible inside the transaction
        throw new Error('boom');
      }),
      /boom/,
    );
    const row = await db.selectFrom('items').selectAll().where('name', '=', 'rolled-back').executeTakeFirst();
    assert.equal(row, undefined);
    // The connection is not stuck inside a transaction.
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'after-rollback' }).execute();
    });
  });

  it('rolls back when a statement inside the transaction fails', async () => {
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ name: 'first-of-pair' }).execute();
        await trx.insertInto('items').values({ name: 'committed' }).execute(); // duplicate
      }),
      /UNIQUE constraint failed/,
    );
    const row = await db.selectFrom('items').selectAll().where('name', '=', 'first-of-pair').executeTakeFirst();
    assert.equal(row, undefined);
  });

  it('serialises 50 concurrent read-modify-write transactions', async () => {
    await db.updateTable('counter').set({ value: 0 }).where('id', '=', 1).execute();
    const N = 50;
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        db.transaction().execute(async (trx) => {
          const { value } = await trx.selectFrom('counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
          // Yield to the event loop between read and write: without
          // serialisation, other transactions would read the same value.
          await nextMacrotask();
          if (i % 2 === 1) await nextMacrotask();
          await trx
            .updateTable('counter')
            .set({ value: value + 1 })
            .where('id', '=', 1)
            .execute();
        }),
      ),
    );
    const { value } = await db.selectFrom('counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
    assert.equal(value, N);
  });

  it('concurrent transactions where some fail: successes all count, failures leave nothing', async () => {
    await db.updateTable('counter').set({ value: 0 }).where('id', '=', 1).execute();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          const { value } = await trx.selectFrom('counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
          await nextMacrotask();
          await trx
            .updateTable('counter')
            .set({ value: value + 1 })
            .where('id', '=', 1)
            .execute();
          if (i % 3 === 0) throw new Error(`fail ${i}`);
        }),
      ),
    );
    const failed = outcomes.filter((o) => o.status === 'rejected').length;
    assert.equal(failed, 7); // 0, 3, 6, 9, 12, 15, 18
    const { value } = await db.selectFrom('counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
    assert.equal(value, 20 - failed);
  });

  it('a plain query issued while a transaction is open waits for it', async () => {
    const inTransaction = deferred();
    const letGo = deferred();
    const events: string[] = [];

    const trxDone = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'during-trx' }).execute();
      inTransaction.resolve();
      await letGo.promise;
      events.push('commit');
    });

    await inTransaction.promise;
    let plainSettled = false;
    const plain = db
      .selectFrom('items')
      .selectAll()
      .where('name', '=', 'during-trx')
      .execute()
      .then((rows) => {
        plainSettled = true;
        events.push('plain');
        return rows;
      });

    await nextMacrotask();
    assert.equal(plainSettled, false, 'the plain query ran inside another caller’s transaction');

    letGo.resolve();
    await trxDone;
    const rows = await plain;
    assert.deepEqual(events, ['commit', 'plain']);
    // It ran after the commit, so it sees the committed row.
    assert.equal(rows.length, 1);
  });

  it('a plain query waits for a transaction that rolls back and does not see its row', async () => {
    const inTransaction = deferred();
    const letGo = deferred();
    const trxDone = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'doomed' }).execute();
      inTransaction.resolve();
      await letGo.promise;
      throw new Error('abort');
    });
    await inTransaction.promise;
    const plain = db.selectFrom('items').selectAll().where('name', '=', 'doomed').execute();
    letGo.resolve();
    await assert.rejects(trxDone, /abort/);
    assert.deepEqual(await plain, []);
  });

  it('after SQLite has already rolled back, the caller still sees the real error and the connection works', async () => {
    // RAISE(ROLLBACK) makes SQLite end the transaction itself, just as
    // SQLITE_FULL / SQLITE_IOERR / SQLITE_NOMEM can. The rollback then run by
    // Kysely is still expected to leave the connection usable.
    await sql`create table guarded (x integer not null)`.execute(db);
    await sql`create trigger guarded_no_negative before insert on guarded when new.x < 0
              begin select raise(rollback, 'negative not allowed'); end`.execute(db);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('guarded').values({ x: 1 }).execute();
        await trx.insertInto('guarded').values({ x: -1 }).execute();
      }),
    );
    assert.deepEqual(await db.selectFrom('guarded').selectAll().execute(), []);
    await db.insertInto('guarded').values({ x: 2 }).execute();
    assert.equal((await db.selectFrom('guarded').selectAll().execute()).length, 1);
  });

  it('after SQLite has already rolled back, the error is not replaced by "cannot rollback"', async () => {
    await sql`create table guarded2 (x integer not null)`.execute(db);
    await sql`create trigger guarded2_no_negative before insert on guarded2 when new.x < 0
                begin select raise(rollback, 'negative not allowed'); end`.execute(db);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('guarded2').values({ x: 1 }).execute();
        await trx.insertInto('guarded2').values({ x: -1 }).execute();
      }),
      /negative not allowed/,
    );
  });

  it('a commit that fails (deferred foreign key) rolls back and leaves the connection usable', async () => {
    await db.schema
      .createTable('parent')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .execute();
    const parentId = sql.raw('parent_id integer not null references parent(id) deferrable initially deferred');
    await sql`create table child (id integer primary key, ${parentId})`.execute(db);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('child').values({ id: 1, parent_id: 999 }).execute();
      }),
      /FOREIGN KEY constraint failed/,
    );
    assert.deepEqual(await db.selectFrom('child').selectAll().execute(), []);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('parent').values({ id: 1 }).execute();
      await trx.insertInto('child').values({ id: 2, parent_id: 1 }).execute();
    });
    assert.equal((await db.selectFrom('child').selectAll().execute()).length, 1);
  });
});

describe('NodeSqliteDialect: statement cache', () => {
  let db: Kysely<any>;

  before(async () => {
    db = openDb().db;
    await createItems(db);
  });

  it('runs the same SQL 1000 times', async () => {
    for (let i = 0; i < 1000; i++) {
      await db
        .insertInto('items')
        .values({ name: `same-${i}`, qty: i })
        .execute();
    }
    for (let i = 0; i < 1000; i += 111) {
      const row = await db.selectFrom('items').select('qty').where('name', '=', `same-${i}`).executeTakeFirstOrThrow();
      assert.equal(row.qty, i);
    }
    const { n } = await db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(n, 1000);
  });

  it('runs more than 256 distinct SQL strings, then earlier ones again (eviction)', async () => {
    const distinct = 300;
    const run = async (i: number) => {
      // The alias makes each SQL string distinct.
      const result = await sql<Record<string, number>>`select count(*) + ${i} as ${sql.ref(`c${i}`)} from items`.execute(db);
      assert.equal(result.rows[0]?.[`c${i}`], 1000 + i);
    };
    for (let i = 0; i < distinct; i++) await run(i);
    // The first ones were evicted; run them again (re-prepared), twice.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < distinct; i += 7) await run(i);
    }
  });

  it('cached statements still work after the schema changes', async () => {
    const query = () => db.selectFrom('items').selectAll().where('name', '=', 'same-1').executeTakeFirstOrThrow();
    const before = await query();
    assert.equal(before.qty, 1);
    await db.schema.alterTable('items').addColumn('extra', 'text').execute();
    await db.updateTable('items').set({ extra: 'x' }).where('name', '=', 'same-1').execute();
    const afterChange = await query();
    assert.equal(afterChange.extra, 'x');
  });
});

describe('NodeSqliteDialect: streaming', () => {
  let db: Kysely<any>;

  before(async () => {
    db = openDb().db;
    await createItems(db);
    await db
      .insertInto('items')
      .values(Array.from({ length: 250 }, (_, i) => ({ name: `s-${String(i).padStart(3, '0')}`, qty: i })))
      .execute();
  });

  it('yields all rows of a select', async () => {
    const seen: number[] = [];
    for await (const row of db.selectFrom('items').select(['qty']).orderBy('qty').stream()) {
      seen.push(row.qty);
    }
    assert.deepEqual(
      seen,
      Array.from({ length: 250 }, (_, i) => i),
    );
  });

  it('yields rows matching parameters', async () => {
    const seen: string[] = [];
    for await (const row of db.selectFrom('items').select('name').where('qty', '>=', 245).orderBy('qty').stream(10)) {
      seen.push(row.name);
    }
    assert.deepEqual(seen, ['s-245', 's-246', 's-247', 's-248', 's-249']);
  });

  it('releases the connection when the consumer stops early', async () => {
    let count = 0;
    for await (const _row of db.selectFrom('items').selectAll().stream()) {
      if (++count === 3) break;
    }
    assert.equal(count, 3);
    // Writes still work: the connection was released and no statement keeps a read open.
    const result = await db.updateTable('items').set({ qty: 0 }).where('name', '=', 's-000').executeTakeFirstOrThrow();
    assert.equal(result.numUpdatedRows, 1n);
  });

  it('throws when streaming a non-select, runs nothing, and stays usable', async () => {
    await assert.rejects(async () => {
      for await (const _row of db.insertInto('items').values({ name: 'streamed-insert' }).returningAll().stream()) {
        // unreachable
      }
    }, /streams only SELECT/);
    await assert.rejects(async () => {
      for await (const _row of db.deleteFrom('items').returningAll().stream()) {
        // unreachable
      }
    }, /streams only SELECT/);
    const row = await db.selectFrom('items').selectAll().where('name', '=', 'streamed-insert').executeTakeFirst();
    assert.equal(row, undefined);
    const { n } = await db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(n, 250);
  });

  it('a stream holds the connection: a concurrent write waits until the stream ends', async () => {
    const events: string[] = [];
    const iterator = db.selectFrom('items').select('qty').orderBy('qty').stream()[Symbol.asyncIterator]();
    const first = await iterator.next();
    assert.equal(first.done, false);
    const write = db
      .updateTable('items')
      .set({ qty: 1000 })
      .where('name', '=', 's-249')
      .execute()
      .then(() => events.push('write'));
    await nextMacrotask();
    assert.equal(events.length, 0, 'the write ran while the stream held the connection');
    let last = -1;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) last = next.value.qty;
    events.push('stream-end');
    await write;
    assert.deepEqual(events, ['stream-end', 'write']);
    assert.equal(last, 249); // the stream did not see the later write
  });
});

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
    const file = path.join(tempDir, `db-${++fileCounter}.sqlite`);
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
