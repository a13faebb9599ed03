import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../../src/db/create-db.ts';
import { seededRandom, dayWeight } from '../../src/tools/seed/seed-generator.ts';
import { reindexAll } from '../../src/repositories/archive-repository.ts';
import { createTestDatabase, testEngines } from '../helpers/databases.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { makeTempDir } from '../helpers/test-context.ts';

for (const engine of testEngines()) {
  describe(`tuidang seed (${engine})`, () => {
    test('a realistic registry whose counters agree with its statements', async () => {
      const dir = makeTempDir();
      const database = await createTestDatabase(engine, dir);
      const env = { TUIDANG_DATA_DIR: dir, DATABASE_URL: database.url };
      try {
        const posts = engine === 'sqlite' ? 20_000 : 3_000;
        const seeded = await runCliInProcess(['seed', '--posts', String(posts)], env);
        assert.equal(seeded.code, 0, seeded.stderr);
        assert.match(seeded.stdout, new RegExp(`Seeded ${posts.toLocaleString('en')} posts`));
        assert.match(seeded.stderr, /100%/, 'a progress bar is shown');

        const handle = createDatabase(database.url);
        const stats = await sql<{
          n: number;
          people: number;
          combos: number;
          retracted: number;
          duplicates: number;
          first: string;
          last: string;
        }>`
          select count(*) as n, avg(headcount) as people,
                 count(distinct party * 4 + league * 2 + pioneers) as combos,
                 sum(case when status = 'retracted' then 1 else 0 end) as retracted,
                 sum(case when duplicate_of is not null then 1 else 0 end) as duplicates,
                 min(counted_day) as first, max(counted_day) as last
          from declarations`.execute(handle.db);
        await handle.close();
        const row = stats.rows[0]!;
        assert.equal(Number(row.n), posts);
        assert.ok(Number(row.people) > 10 && Number(row.people) < 16, `mean head-count ${row.people}`);
        assert.equal(Number(row.combos), 7, 'all seven organisation combinations');
        assert.ok(Number(row.retracted) > 0, 'some retracted');
        assert.ok(Number(row.duplicates) > 0, 'some duplicates');
        assert.ok(row.first < '2006-01-01' && row.last > '2025-01-01', `${row.first} … ${row.last}`);

        const reconciled = await runCliInProcess(['counter', 'reconcile'], env);
        assert.equal(reconciled.code, 0, reconciled.stderr);
        assert.match(reconciled.stdout, /Counters agree with the statements/);
      } finally {
        await database.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('the search index is what reindexAll makes, from empty and on top of earlier posts', async () => {
      const dir = makeTempDir();
      const database = await createTestDatabase(engine, dir);
      const env = { TUIDANG_DATA_DIR: dir, DATABASE_URL: database.url };
      try {
        const first = await runCliInProcess(['seed', '--posts', '3000', '--seed', '5'], env);
        assert.equal(first.code, 0, first.stderr);
        assert.match(first.stdout, /inserting took .* posts\/s/, 'the insert rate is reported');
        await assertSearchIndexIsRebuildable(database.url, 3000);
        // Into a registry that is no longer empty: the ids, duplicates and grams go on from there.
        const second = await runCliInProcess(['seed', '--posts', '1000', '--seed', '6'], env);
        assert.equal(second.code, 0, second.stderr);
        await assertSearchIndexIsRebuildable(database.url, 4000);
        const reconciled = await runCliInProcess(['counter', 'reconcile'], env);
        assert.match(reconciled.stdout, /Counters agree with the statements/);
      } finally {
        await database.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

async function gramRows(handle: DatabaseHandle): Promise<string[]> {
  const rows = await handle.db
    .selectFrom('search_grams')
    .select(['gram', 'declaration_id'])
    .orderBy('gram')
    .orderBy('declaration_id')
    .execute();
  return rows.map((row) => `${row.gram} ${row.declaration_id}`);
}

/** The seeded search_grams, row for row, against a rebuild by reindexAll; and every duplicate points at an earlier post. */
async function assertSearchIndexIsRebuildable(url: string, posts: number): Promise<void> {
  const handle = createDatabase(url);
  try {
    const seeded = await gramRows(handle);
    assert.ok(seeded.length > posts * 5, `${seeded.length} grams`);
    await handle.db.deleteFrom('search_grams').execute();
    await reindexAll(handle.db);
    assert.deepEqual(seeded, await gramRows(handle));
    const ids = await sql<{ n: number; low: number; high: number; strays: number }>`
      select count(*) as n, min(id) as low, max(id) as high,
             sum(case when duplicate_of is not null and duplicate_of >= id then 1 else 0 end) as strays
      from declarations`.execute(handle.db);
    const row = ids.rows[0]!;
    assert.equal(Number(row.n), posts);
    assert.equal(Number(row.high) - Number(row.low) + 1, posts, 'ids without gaps');
    assert.equal(Number(row.strays), 0);
  } finally {
    await handle.close();
  }
}

test('Lunar New Year and summer are quieter than the weeks around them', () => {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  assert.ok(dayWeight(day('2024-02-10')) < dayWeight(day('2024-03-10')) * 0.5);
  assert.ok(dayWeight(day('2024-07-15')) < dayWeight(day('2024-05-15')));
  const random = seededRandom(7);
  const again = seededRandom(7);
  assert.equal(random(), again(), 'the same seed gives the same registry');
});
