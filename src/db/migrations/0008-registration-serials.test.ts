import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/helpers/databases.ts';
import { newDeclaration } from '../../../test/helpers/declarations.ts';
import { makeTempDir } from '../../../test/helpers/test-context.ts';
import { RegistrationNumberCodec } from '../../domain/declaration/registration-number.ts';
import { createLogger } from '../../logging/logger.ts';
import { declarationsRepository } from '../../repositories/declarations/index.ts';
import { registrationSerialsRepository } from '../../repositories/registration-serials-repository.ts';
import { pendingRow } from '../../repositories/declarations/inserts.ts';
import { createRegistrationNumbers } from '../../services/registration-numbers.ts';
import { createDatabase, type DatabaseHandle } from '../create-db.ts';
import { isPostgres, withoutSqliteForeignKeys } from '../engine.ts';
import { migrateToLatest } from '../migrate.ts';
import { migrationProvider } from './index.ts';

const BEFORE_SERIALS = '0007-one-alias-index';
const codec = new RegistrationNumberCodec(randomBytes(32));

/** A row as an installation older than serials wrote it: a random number, no serial column. */
function legacyRow(number: string, name: string) {
  // Nor the text key of migration 0032.
  const {
    registration_serial: _none,
    text_key: _key,
    ...row
  } = pendingRow(
    newDeclaration(0, {
      registrationNumber: number,
      passwordHash: `hash-${number}`,
      names: [name],
      headcount: 2,
      orgs: ['party', 'league'],
      title: '声明',
      consent: true,
      channel: 'web',
      createdAt: new Date('2026-01-05T08:00:00Z'),
      aliasKey: name,
    }),
  );
  return row;
}

for (const engine of testEngines()) {
  describe(`migration 0008: registration serials on a registry that has numbers already (${engine})`, () => {
    const dir = makeTempDir();
    let database: TestDatabase;
    let handle: DatabaseHandle;
    const legacyNumbers = ['4111111111111111', '5555555555554444', codec.encode(1)];
    const legacyIds: number[] = [];

    before(async () => {
      database = await createTestDatabase(engine, dir);
      handle = createDatabase(database.url);
      const migrator = new Migrator({ db: handle.db, provider: migrationProvider });
      const { error } = await withoutSqliteForeignKeys(handle.db, () => migrator.migrateTo(BEFORE_SERIALS));
      if (error) throw error;
      for (const [i, number] of legacyNumbers.entries()) {
        const { id } = await (handle.db as any)
          .insertInto('declarations')
          .values(legacyRow(number, `王明${i}`))
          .returning('id')
          .executeTakeFirstOrThrow();
        legacyIds.push(Number(id));
        await handle.db
          .insertInto('declaration_events')
          .values({
            declaration_id: Number(id),
            kind: 'submitted',
            actor: 'declarant',
            reason: null,
            created_at: '2026-01-05T08:00:00.000Z',
          })
          .execute();
      }
      await migrateToLatest(handle.db);
    });
    after(async () => {
      await handle.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('keeps every row, its id and its events, with foreign keys intact and on again', async () => {
      const rows = await handle.db
        .selectFrom('declarations')
        .select(['id', 'registration_number', 'registration_serial'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        rows.map((row) => [row.id, row.registration_number, row.registration_serial]),
        legacyIds.map((id, i) => [id, legacyNumbers[i], null]),
      );
      const events = await handle.db.selectFrom('declaration_events').select('declaration_id').orderBy('id').execute();
      assert.deepEqual(
        events.map((event) => event.declaration_id),
        legacyIds,
      );
      if (!isPostgres(handle.db)) {
        assert.deepEqual((await sql`pragma foreign_key_check`.execute(handle.db)).rows, []);
        assert.equal((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(handle.db)).rows[0]?.foreign_keys, 1);
        await assert.rejects(
          handle.db
            .insertInto('declaration_events')
            .values({ declaration_id: 999_999, kind: 'submitted', actor: 'x', reason: null, created_at: '2026-01-05T08:00:00.000Z' })
            .execute(),
          /FOREIGN KEY/,
        );
      }
    });

    test('finds numbers issued before serials, and a new id does not reuse an old one', async () => {
      for (const [i, number] of legacyNumbers.entries()) {
        const record = await declarationsRepository.findByRegistrationNumber(handle.db, codec.ref(number));
        assert.equal(record?.id, legacyIds[i]);
      }
      assert.equal(await declarationsRepository.findByRegistrationNumber(handle.db, codec.ref('1234567812345670')), null);
    });

    test('an old number stays unique among old numbers; serials are unique; a number alone no longer is indexed', async () => {
      await assert.rejects((handle.db as any).insertInto('declarations').values(legacyRow(legacyNumbers[0]!, '李平')).execute());
      const row = (serial: number, number: string) => ({ ...legacyRow(number, '李平'), registration_serial: serial });
      await handle.db
        .insertInto('declarations')
        .values(row(500, codec.encode(500)))
        .execute();
      await assert.rejects(
        handle.db
          .insertInto('declarations')
          .values(row(500, codec.encode(500)))
          .execute(),
      );
      const indexes = isPostgres(handle.db)
        ? await sql<{
            name: string;
          }>`select indexname as name from pg_indexes where tablename = 'declarations' and indexdef like '%(registration_number)%'`.execute(
            handle.db,
          )
        : await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'index' and tbl_name = 'declarations' and name like 'sqlite_autoindex%'`.execute(
            handle.db,
          );
      assert.deepEqual(
        indexes.rows.map((index) => index.name),
        isPostgres(handle.db) ? ['declarations_number_without_serial'] : [],
      );
    });

    test('a new number never repeats an old one: its serial is skipped', async () => {
      const numbers = createRegistrationNumbers({
        codec,
        // At the clock's epoch, so the first serial is 1, whose number an old row holds.
        reserve: (count) => registrationSerialsRepository.reserve(handle.db, count, new Date(Date.UTC(2026, 0, 1))),
        takenWithoutSerial: (candidates) => registrationSerialsRepository.takenWithoutSerial(handle.db, candidates),
        logger: createLogger('silent'),
      });
      const first = await numbers.draw();
      assert.equal(first.serial, 2, 'serial 1 encodes to a number issued before serials');
      assert.equal(first.number, codec.encode(2));
    });

    test('migrating down restores the unique number and keeps the rows', async () => {
      const migrator = new Migrator({ db: handle.db, provider: migrationProvider });
      const { error } = await withoutSqliteForeignKeys(handle.db, () => migrator.migrateTo(BEFORE_SERIALS));
      assert.equal(error, undefined);
      const rows = await (handle.db as any).selectFrom('declarations').select('id').execute();
      assert.equal(rows.length, legacyNumbers.length + 1);
      await assert.rejects(
        (handle.db as any)
          .insertInto('declarations')
          .values(legacyRow(codec.encode(500), '李平'))
          .execute(),
      );
      await migrateToLatest(handle.db);
    });
  });
}
