import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/helpers/databases.ts';
import { newDeclaration } from '../../../test/helpers/declarations.ts';
import { makeTempDir } from '../../../test/helpers/test-context.ts';
import { createDatabase, type DatabaseHandle } from '../../db/create-db.ts';
import { withoutSqliteForeignKeys } from '../../db/engine.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { migrationProvider } from '../../db/migrations/index.ts';
import type { Database } from '../../db/schema.ts';
import { pendingRow } from '../declarations/inserts.ts';
import { enqueueCarriedChanges, enqueueLogChanges } from './log-queue.ts';
import { logRepository } from './log-repository.ts';

/** What the queues hold, counted: what the kept counts must always say. */
async function counted(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    select (select count(*) from log_queue) + (select count(*) from log_carried_queue) as n`.execute(db);
  return Number(rows[0]!.n);
}

for (const engine of testEngines()) {
  describe(`the log queues' kept counts (${engine})`, () => {
    const dir = makeTempDir();
    let database: TestDatabase;
    let handle: DatabaseHandle;
    let db: Kysely<Database>;
    let serial = 0;

    async function published(): Promise<number> {
      serial++;
      // Without the text key: the first test writes rows before migration 0032 as well.
      const { text_key: _key, ...row } = pendingRow(newDeclaration(serial));
      const { id } = await db
        .insertInto('declarations')
        .values({ ...row, status: 'published', published_at: row.created_at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    }

    before(async () => {
      database = await createTestDatabase(engine, dir);
      handle = createDatabase(database.url);
      db = handle.db;
    });
    after(async () => {
      await handle.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('migration 0024 counts what the queues already hold', async () => {
      const migrator = new Migrator({ db, provider: migrationProvider });
      const { error } = await withoutSqliteForeignKeys(db, () => migrator.migrateTo('0022-log-carried'));
      assert.equal(error, undefined);
      // Rows published before the log's tables existed are queued by migration 0020; these come after it.
      for (let i = 0; i < 3; i++)
        await db
          .insertInto('log_queue')
          .values({ declaration_id: await published() })
          .execute();
      await db.insertInto('log_carried_queue').values({ day: '2025-06-01' }).execute();
      await migrateToLatest(db);
      assert.equal(await logRepository.queuedCount(db), 4);
      assert.equal(await logRepository.queuedCount(db), await counted(db));
    });

    test('every way into and out of the queues moves the count with them', async () => {
      const ids = [await published(), await published()];
      await db.transaction().execute((trx) => enqueueLogChanges(trx, ids));
      await db.transaction().execute((trx) => enqueueCarriedChanges(trx, ['2025-06-02', '2025-06-03']));
      assert.equal(await logRepository.queuedCount(db), 8);

      const [first, second] = await db.selectFrom('log_queue').select('id').orderBy('id').limit(2).execute();
      await db.transaction().execute((trx) => logRepository.dequeue(trx, [first!.id, second!.id]));
      // Taking a row already gone (another batch took it) changes nothing: the count follows the rows deleted.
      await db.transaction().execute((trx) => logRepository.dequeue(trx, [first!.id]));
      const days = await db.selectFrom('log_carried_queue').select('id').execute();
      await db.transaction().execute((trx) =>
        logRepository.dequeueCarried(
          trx,
          days.map((day) => day.id),
        ),
      );
      assert.equal(await logRepository.queuedCount(db), 3);
      assert.equal(await logRepository.queuedCount(db), await counted(db));

      // A bulk load queues every counted row neither queued nor logged: the one published here, past the
      // status changes, and the two taken out of the queue above without a batch logging them.
      await published();
      await db.transaction().execute((trx) => logRepository.enqueueUnlogged(trx));
      assert.equal(await logRepository.queuedCount(db), 6);
      assert.equal(await logRepository.queuedCount(db), await counted(db));
    });

    test('a count gone wrong (a copy that moved the queues and not their counts) is set again from the queues', async () => {
      await db.updateTable('log_queue_counts').set({ queued: 0 }).execute();
      assert.equal(await logRepository.queuedCount(db), 0);
      await db.transaction().execute((trx) => logRepository.recountQueues(trx));
      assert.equal(await logRepository.queuedCount(db), await counted(db));
      assert.ok((await counted(db)) > 0);
    });
  });
}
