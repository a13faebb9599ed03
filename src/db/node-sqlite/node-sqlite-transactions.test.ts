import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';

import { openDb, deferred, createItems, closeAll } from '../../../test/helpers/sqlite-dialect.ts';

after(closeAll);

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
