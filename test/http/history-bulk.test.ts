import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createServices } from '../../src/composition.ts';
import { loadConfig } from '../../src/config.ts';
import { deferIndexes } from '../../src/db/deferred-indexes.ts';
import { addDays, countingDay } from '../../src/domain/counter/counting-day.ts';
import { legacyPostLines } from '../../src/tools/seed/legacy-posts.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { createMigratedTestDatabase, testEngines, type TestEngine } from '../helpers/databases.ts';
import { makeTempDir } from '../helpers/test-context.ts';
import { createTestContext } from '../helpers/test-context.ts';

const POSTS = 300;
const HOSTILE_EVERY = 50;
const TIME_ZONE = 'Asia/Shanghai';

/** A migrated registry in a directory of its own, nothing holding it open, and an export beside it. */
async function freshRegistry(engine: TestEngine) {
  const dir = makeTempDir();
  const database = await createMigratedTestDatabase(engine, dir);
  const env = { TUIDANG_DATA_DIR: dir, DATABASE_URL: database.url, TUIDANG_TIMEZONE: TIME_ZONE };
  const config = loadConfig(env);
  const today = countingDay(new Date(), TIME_ZONE);
  const posts = join(dir, 'posts.jsonl');
  const lines = [
    ...legacyPostLines({
      posts: POSTS,
      from: addDays(today, -40),
      until: addDays(today, -1),
      format: 'jsonl',
      hostileEvery: HOSTILE_EVERY,
    }),
  ];
  writeFileSync(posts, lines.join(''));
  /** The registry's state, read through a composition opened and closed for it. */
  const state = async () => {
    const { database: handle, close } = await createServices(config);
    try {
      const rows = await handle.db
        .selectFrom('declarations')
        .select(['registration_number', 'legacy_id', 'published_at', 'title'])
        .orderBy('legacy_id')
        .execute();
      const counter = await handle.db.selectFrom('counter_totals').selectAll().executeTakeFirstOrThrow();
      const grams = await handle.db
        .selectFrom('search_grams')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const deferred = await handle.db.selectFrom('deferred_indexes').select('name').execute();
      const queued = await handle.db
        .selectFrom('log_queue')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return {
        rows: rows.map((row) => [row.registration_number, Number(row.legacy_id), row.title]),
        people: Number(counter.people),
        declarations: Number(counter.declarations),
        grams: Number(grams.n),
        queued: Number(queued.n),
        deferred: deferred.map((row) => row.name),
      };
    } finally {
      await close();
    }
  };
  return { dir, env, config, posts, state, drop: () => database.drop() };
}

const indexesOf = async (config: ReturnType<typeof loadConfig>) => {
  const { database, close } = await createServices(config);
  try {
    const { DatabaseSync } = await import('node:sqlite');
    const path = config.databaseUrl.slice('sqlite:'.length);
    const reader = new DatabaseSync(path, { readOnly: true });
    try {
      return (
        reader.prepare("select name from sqlite_master where type = 'index' and sql is not null order by name").all() as { name: string }[]
      ).map((row) => row.name);
    } finally {
      reader.close();
      void database;
    }
  } finally {
    await close();
  }
};

describe('history import-posts --bulk (sqlite)', () => {
  const made: { drop(): Promise<void> }[] = [];
  after(async () => {
    for (const registry of made) await registry.drop();
  });

  test('writes what the import writes, refused lines reported, the indexes built again after', async () => {
    const plain = await freshRegistry('sqlite');
    const bulk = await freshRegistry('sqlite');
    made.push(plain, bulk);
    const indexesBefore = await indexesOf(bulk.config);
    const expected = await runCliInProcess(['history', 'import-posts', plain.posts], plain.env);
    // The same export in both (the generator is seeded), read by several threads in parts on one side.
    writeFileSync(bulk.posts, await (await import('node:fs/promises')).readFile(plain.posts));
    const result = await runCliInProcess(['history', 'import-posts', bulk.posts, '--bulk', '--batch', '37'], bulk.env);
    assert.equal(result.code, 2, result.stderr);
    const report = (text: string) => /\d+ line\(s\) read: .*refused/.exec(text)?.[0];
    assert.equal(report(result.stdout), report(expected.stdout));
    const refusals = (text: string) => text.split('\n').filter((line) => line.startsWith('line '));
    assert.deepEqual(refusals(result.stderr), refusals(expected.stderr));
    assert.match(result.stderr, /building the index declarations_status_id/);
    const [got, want] = [await bulk.state(), await plain.state()];
    assert.deepEqual(got, want);
    assert.deepEqual(got.deferred, []);
    assert.deepEqual(await indexesOf(bulk.config), indexesBefore, 'every index is back');

    const again = await runCliInProcess(['history', 'import-posts', bulk.posts, '--bulk'], bulk.env);
    assert.match(again.stdout, /0 post\(s\) written, \d+ held already/);
    assert.deepEqual(await bulk.state(), got);
    const reconcile = await runCliInProcess(['counter', 'reconcile'], bulk.env);
    assert.match(reconcile.stdout, /Counters agree with the statements/);
  });

  test('refuses a registry another process has open, and one holding statements registered here', async () => {
    const ctx = await createTestContext('sqlite');
    try {
      const posts = join(ctx.dir, 'posts.jsonl');
      writeFileSync(posts, [...legacyPostLines({ posts: 5, from: '2010-01-01', until: '2010-01-02', format: 'jsonl' })].join(''));
      const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
      const busy = await runCliInProcess(['history', 'import-posts', posts, '--bulk'], env);
      assert.equal(busy.code, 1);
      assert.match(busy.stderr, /another process has the registry open/);
    } finally {
      await ctx.close();
    }
    const registry = await freshRegistry('sqlite');
    made.push(registry);
    // Statements of this registry's own (the seeder's, without a legacy id).
    const seeded = await runCliInProcess(['seed', '--posts', '3'], registry.env);
    assert.equal(seeded.code, 0, seeded.stderr);
    const held = await runCliInProcess(['history', 'import-posts', registry.posts, '--bulk'], registry.env);
    assert.equal(held.code, 1);
    assert.match(held.stderr, /holds statements registered here/);
    assert.equal((await registry.state()).rows.length, 3, 'nothing imported');
  });

  test('indexes a bulk run left dropped (a crash) are built by the next start', async () => {
    const registry = await freshRegistry('sqlite');
    made.push(registry);
    const before = await indexesOf(registry.config);
    const { database, close } = await createServices(registry.config);
    const dropped = await deferIndexes(database.db, 'declarations', ['declarations_legacy_id']);
    await close();
    assert.ok(dropped.includes('declarations_status_id'));
    // Any start (here a command) builds them before it works.
    assert.deepEqual(await indexesOf(registry.config), before);
    assert.deepEqual((await registry.state()).deferred, []);
  });
});

for (const engine of testEngines()) {
  describe(`several readers (${engine})`, () => {
    test('an export read in parts by several threads imports as one read alone: the same rows, refusals and line numbers', async () => {
      const alone = await freshRegistry(engine);
      const parts = await freshRegistry(engine);
      try {
        writeFileSync(parts.posts, await (await import('node:fs/promises')).readFile(alone.posts));
        const run = async (registry: Awaited<ReturnType<typeof freshRegistry>>, options: object) => {
          const { services, close } = await createServices(registry.config);
          const refused: number[] = [];
          try {
            const result = await services.history.importPosts(registry.posts, 'posts.jsonl', {
              actor: 'test',
              onReject: ({ line }) => refused.push(line),
              ...options,
            });
            assert.ok(result.ok);
            return { report: result.report, refused };
          } finally {
            await close();
          }
        };
        const one = await run(alone, {});
        const many = await run(parts, { threadFromBytes: 0, readers: 3, partBytes: 4096, batchLines: 7 });
        assert.deepEqual(many, one);
        assert.ok(one.refused.length > 0);
        assert.deepEqual(await parts.state(), await alone.state());
      } finally {
        await alone.drop();
        await parts.drop();
      }
    });

    if (engine === 'postgres') {
      test('--bulk says it works on SQLite only', async () => {
        const registry = await freshRegistry(engine);
        try {
          const result = await runCliInProcess(['history', 'import-posts', registry.posts, '--bulk'], registry.env);
          assert.equal(result.code, 1);
          assert.match(result.stderr, /SQLite registry only/);
        } finally {
          await registry.drop();
        }
      });
    }
  });
}
