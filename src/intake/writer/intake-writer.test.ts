import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/helpers/databases.ts';
import { newDeclaration } from '../../../test/helpers/declarations.ts';
import { waitForDeclarationsInDatabaseFile } from '../../../test/helpers/sqlite-file.ts';
import { makeTempDir } from '../../../test/helpers/test-context.ts';
import { randomBytes } from 'node:crypto';
import { RegistrationNumberCodec } from '../../domain/declaration/registration-number.ts';
import { clockFloor, registrationSerialsRepository } from '../../repositories/registration-serials-repository.ts';
import type { NewDeclaration } from '../../repositories/declarations/index.ts';
import { createDatabase, type DatabaseHandle } from '../../db/create-db.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createLogger } from '../../logging/logger.ts';
import { createIntakeWriter } from './create-intake-writer.ts';
import type { IntakeWriter } from './intake-writer.ts';
import { WorkerIntakeWriter } from './worker-intake-writer.ts';

const codec = new RegistrationNumberCodec(randomBytes(32));
const silent = createLogger('silent');
let lastSerial = 1_000_000;

function submission(overrides: Partial<NewDeclaration> = {}): NewDeclaration {
  const serial = ++lastSerial;
  return newDeclaration(serial, { registrationNumber: codec.encode(serial), passwordHash: 'hash', ...overrides });
}

for (const engine of testEngines()) {
  describe(`intake writer (${engine})`, () => {
    const dir = makeTempDir();
    let database: TestDatabase;
    let handle: DatabaseHandle;
    let writer: IntakeWriter;
    before(async () => {
      database = await createTestDatabase(engine, dir);
      handle = createDatabase(database.url);
      await migrateToLatest(handle.db);
      writer = createIntakeWriter(database.url, handle.db, silent);
    });
    after(async () => {
      await writer.close();
      await handle.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test(engine === 'sqlite' ? 'a SQLite file is written from a thread of its own' : 'PostgreSQL is written in process', () => {
      assert.equal(writer instanceof WorkerIntakeWriter, engine === 'sqlite');
    });

    test('a batch is committed with its events, and the ids come back in order', async () => {
      const batch = [submission(), submission({ names: ['李平'], aliasKey: '李平' }), submission({ headcount: 3 })];
      const ids = await writer.write(batch);
      assert.equal(ids.length, 3);
      assert.ok(ids.every((id) => typeof id === 'number'));
      const rows = await handle.db
        .selectFrom('declarations')
        .select(['id', 'registration_number', 'status', 'headcount'])
        .where('id', 'in', ids as number[])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        rows.map((row) => row.registration_number),
        batch.map((row) => row.registrationNumber),
      );
      assert.ok(rows.every((row) => row.status === 'pending'));
      const events = await handle.db
        .selectFrom('declaration_events')
        .select(['declaration_id', 'kind'])
        .where('declaration_id', 'in', ids as number[])
        .execute();
      assert.equal(events.length, 3);
      assert.ok(events.every((event) => event.kind === 'submitted'));
    });

    test('every field is stored as submitted: quotes, backslashes, line breaks, characters outside the BMP, nulls', async () => {
      const odd = submission({
        names: ['王"明\\华', "李'平\n"],
        title: 'a "title" \\ with\ttabs 𠀀',
        region: null,
        statement: '声明\r\n第二行 😀 \\u0000 not an escape',
        contactSealed: 'sealed:{"x":1}',
        consent: true,
        orgs: ['party', 'pioneers'],
        createdAt: new Date('2026-11-23T08:00:00.123Z'),
        admission: 'public',
      });
      const [id] = await writer.write([odd]);
      const row = await handle.db
        .selectFrom('declarations')
        .selectAll()
        .where('id', '=', id as number)
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(row.names), odd.names);
      assert.equal(row.title, odd.title);
      assert.equal(row.region, null);
      assert.equal(row.statement, odd.statement);
      assert.equal(row.contact_sealed, odd.contactSealed);
      assert.deepEqual([row.party, row.league, row.pioneers, row.consent], [1, 0, 1, 1]);
      assert.equal(new Date(row.created_at).toISOString(), '2026-11-23T08:00:00.123Z');
      assert.equal(row.admission, 'public');
      assert.equal(Number(row.registration_serial), odd.registrationSerial);
    });

    test('a registration serial already taken comes back as null, and its neighbours are written', async () => {
      const [first] = await writer.write([submission()]);
      const taken = await handle.db
        .selectFrom('declarations')
        .select(['registration_number', 'registration_serial'])
        .where('id', '=', first as number)
        .executeTakeFirstOrThrow();
      const before = await handle.db
        .selectFrom('declaration_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const again = submission({ registrationNumber: taken.registration_number, registrationSerial: Number(taken.registration_serial) });
      const ids = await writer.write([submission(), again, submission()]);
      assert.equal(ids[1], null);
      assert.ok(typeof ids[0] === 'number' && typeof ids[2] === 'number');
      const afterCount = await handle.db
        .selectFrom('declaration_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n) - Number(before.n), 2, 'no event for the row that was not written');
    });

    test('two submissions of one batch with the same serial: one is written, the other told to draw again', async () => {
      const { registrationNumber: number, registrationSerial: serial } = submission();
      const first = submission({ registrationNumber: number, registrationSerial: serial, passwordHash: 'first' });
      const second = submission({ registrationNumber: number, registrationSerial: serial, passwordHash: 'second' });
      const ids = await writer.write([first, submission(), second]);
      assert.equal(typeof ids[0], 'number');
      assert.equal(ids[2], null, 'the second is not given the first one’s row');
      const stored = await handle.db.selectFrom('declarations').select('password_hash').where('registration_number', '=', number).execute();
      assert.deepEqual(
        stored.map((row) => row.password_hash),
        ['first'],
      );
    });

    test('serials are reserved in blocks that never overlap, whoever reserves them, never below the clock', async () => {
      const floor = clockFloor(new Date());
      const fromWriter = await writer.reserveSerials(1024);
      const direct = await registrationSerialsRepository.reserve(handle.db, 10);
      const again = await writer.reserveSerials(5);
      assert.ok(fromWriter >= floor, `${fromWriter} is below the clock's ${floor}`);
      assert.ok(direct >= fromWriter + 1024);
      assert.ok(again >= direct + 10);
      const next = await handle.db.selectFrom('registration_serials').select('next_serial').executeTakeFirstOrThrow();
      assert.equal(Number(next.next_serial), again + 5);
    });

    test('after a restore that forgot reservations, serials continue above every one issued before', async () => {
      const backupTaken = new Date(Date.now() + 60_000);
      const backup = await handle.db.selectFrom('registration_serials').select('next_serial').executeTakeFirstOrThrow();
      const issued = await registrationSerialsRepository.reserve(handle.db, 1024, new Date(backupTaken.getTime() + 60_000));
      await handle.db
        .updateTable('registration_serials')
        .set({ next_serial: Number(backup.next_serial) })
        .execute();
      // The restored service starts at least a second after the last reservation it forgot.
      const afterRestore = await registrationSerialsRepository.reserve(handle.db, 1024, new Date(backupTaken.getTime() + 61_000));
      assert.ok(afterRestore >= issued + 1024, `${afterRestore} reissues serials of the block at ${issued}`);
    });

    test('a batch that fails writes nothing and is reported; the next batch is written', async () => {
      const count = async () =>
        Number(
          (
            await handle.db
              .selectFrom('declarations')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const broken = submission({ headcount: null as unknown as number });
      await assert.rejects(writer.write([submission(), broken]));
      assert.equal(await count(), before, 'the whole batch was rolled back');
      const [id] = await writer.write([submission()]);
      assert.equal(typeof id, 'number');
      assert.equal(await count(), before + 1);
    });

    test('writes queued together are all committed before close() returns', async () => {
      const pending = Array.from({ length: 20 }, () => writer.write([submission(), submission()]));
      const results = await Promise.all(pending);
      assert.equal(new Set(results.flat()).size, 40);
    });
  });
}

test('the writer thread checkpoints between its transactions: a burst reaches the database file without a checkpointer', async () => {
  const dir = makeTempDir();
  const path = join(dir, 'intake.sqlite');
  const handle = createDatabase(`sqlite:${path}`);
  await migrateToLatest(handle.db);
  const writer = new WorkerIntakeWriter(`sqlite:${path}`, silent);
  try {
    // 300 rows cross ROWS_PER_CHECKPOINT but stay far below wal_autocheckpoint, and no checkpointer thread runs here.
    for (let batch = 0; batch < 3; batch++) await writer.write(Array.from({ length: 100 }, () => submission()));
    // The checkpoint follows the answer to the batch that crossed the threshold, so it may take a moment.
    const rows = await waitForDeclarationsInDatabaseFile(path, 300, 3_000);
    assert.equal(rows, 300);
  } finally {
    await writer.close();
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a writer thread that fails is logged, fails what it held, and the next write starts a new one', async () => {
  const lines: { msg: string; err?: { message: string } }[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  // Without a database address the thread throws as it starts, as one would on any error it does not answer.
  const writer = new WorkerIntakeWriter(undefined as unknown as string, logger);
  try {
    await assert.rejects(writer.write([submission()]));
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.msg, 'intake writer thread failed');
    assert.ok(lines[0]!.err?.message);
    await assert.rejects(writer.write([submission()]));
    assert.equal(lines.length, 2, 'a new thread for the next write');
  } finally {
    await writer.close();
  }
});
