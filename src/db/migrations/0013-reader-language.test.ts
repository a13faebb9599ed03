import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Migrator } from 'kysely/migration';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/helpers/databases.ts';
import { newDeclaration } from '../../../test/helpers/declarations.ts';
import { makeTempDir } from '../../../test/helpers/test-context.ts';
import { declarationGrams } from '../../domain/declaration/search-grams.ts';
import type { NewDeclaration } from '../../repositories/declarations/index.ts';
import { pendingRow } from '../../repositories/declarations/inserts.ts';
import { createDatabase, type DatabaseHandle } from '../create-db.ts';
import { withoutSqliteForeignKeys } from '../engine.ts';
import { migrateToLatest } from '../migrate.ts';
import { migrationProvider } from './index.ts';

const THIS_MIGRATION = '0013-reader-language';

/** Rows as they were stored before: titles and reasons in the submitter's language. */
const ROWS: {
  title: string;
  orgs: NewDeclaration['orgs'];
  after: string;
  published?: boolean;
  rejectReason?: string;
  reasonId?: number | null;
}[] = [
  { title: 'Declaration of quitting the Communist Youth League, Young Pioneers', orgs: ['league', 'pioneers'], after: '', published: true },
  { title: '聲明退出中國共產黨', orgs: ['party'], after: '' },
  { title: '声明退出少先队、中国共产党', orgs: ['party', 'pioneers'], after: '' },
  { title: '声明退出中国共产党、共青团、少先队', orgs: ['party', 'league', 'pioneers'], after: '' },
  // A default wording for other organisations than the row's is the declarant's own.
  { title: '声明退出共青团', orgs: ['party'], after: '声明退出共青团' },
  { title: '我的三退声明', orgs: ['party'], after: '我的三退声明', published: true },
  { title: '三退', orgs: ['league'], after: '三退', rejectReason: '與已有聲明重複', reasonId: 2 },
  { title: '三退', orgs: ['league'], after: '三退', rejectReason: 'Not a declaration of quitting', reasonId: 3 },
  { title: '三退', orgs: ['league'], after: '三退', rejectReason: '请勿留电话', reasonId: null },
];

for (const engine of testEngines()) {
  describe(`migration 0013: titles and reject reasons for the reader's language (${engine})`, () => {
    const dir = makeTempDir();
    let database: TestDatabase;
    let handle: DatabaseHandle;
    const ids: number[] = [];

    before(async () => {
      database = await createTestDatabase(engine, dir);
      handle = createDatabase(database.url);
      const names = Object.keys(await migrationProvider.getMigrations());
      const previous = names[names.indexOf(THIS_MIGRATION) - 1]!;
      const migrator = new Migrator({ db: handle.db, provider: migrationProvider });
      const { error } = await withoutSqliteForeignKeys(handle.db, () => migrator.migrateTo(previous));
      if (error) throw error;
      const db = handle.db as any;
      for (const [i, spec] of ROWS.entries()) {
        // Without the text key of migration 0032, which this registry predates.
        const { text_key: _key, ...row } = pendingRow(newDeclaration(i + 1, { title: spec.title, orgs: spec.orgs }));
        const status = spec.published ? 'published' : spec.rejectReason ? 'rejected' : 'pending';
        const { id } = await db
          .insertInto('declarations')
          .values({ ...row, status, reject_reason: spec.rejectReason ?? null, published_at: spec.published ? row.created_at : null })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(Number(id));
        if (spec.published) {
          const grams = declarationGrams(spec.title, row.region);
          await db
            .insertInto('search_grams')
            .values(grams.map((gram) => ({ gram, declaration_id: Number(id) })))
            .execute();
        }
      }
      await migrateToLatest(handle.db);
    });
    after(async () => {
      await handle.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('a default title in any language and order becomes "none written"; written titles stay', async () => {
      const rows = await handle.db.selectFrom('declarations').select(['id', 'title']).orderBy('id').execute();
      assert.deepEqual(
        rows.map((row) => row.title),
        ROWS.map((spec) => spec.after),
      );
    });

    test('the title grams of a default title go, its region grams and other titles stay', async () => {
      const grams = async (id: number) =>
        (await handle.db.selectFrom('search_grams').select('gram').where('declaration_id', '=', id).execute())
          .map((row) => row.gram)
          .sort();
      assert.deepEqual(await grams(ids[0]!), declarationGrams('', '北京').sort());
      assert.deepEqual(await grams(ids[5]!), declarationGrams('我的三退声明', '北京').sort());
    });

    test('a rejection keeps the managed reason it holds, in whatever language, by id', async () => {
      const rows = await handle.db.selectFrom('declarations').select(['reject_reason', 'reject_reason_id']).orderBy('id').execute();
      assert.deepEqual(
        rows.map((row) => row.reject_reason_id),
        ROWS.map((spec) => spec.reasonId ?? null),
      );
      assert.deepEqual(
        rows.map((row) => row.reject_reason),
        ROWS.map((spec) => spec.rejectReason ?? null),
        'the stored text stays',
      );
    });
  });
}
