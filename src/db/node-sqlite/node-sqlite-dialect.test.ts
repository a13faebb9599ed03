import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';

import { openDb, createItems, closeAll } from '../../../test/helpers/sqlite-dialect.ts';

after(closeAll);

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
