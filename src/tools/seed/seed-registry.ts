import { reindexAll } from '../../repositories/archive-repository.ts';
import { logRepository } from '../../repositories/log/log-repository.ts';
import { counterRepository, type RecomputedCounter } from '../../repositories/counter-repository.ts';
import { createDatabase, type DatabaseHandle } from '../../db/create-db.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { CounterAccumulator } from './seed-counter.ts';
import { generatePosts, type SeedPlan } from './seed-generator.ts';
import type { SeedProgress } from './seed-progress.ts';
import { POST_COLUMNS, SHARED_VALUES, postValues } from './seed-rows.ts';
import { seedSqlite } from './seed-sqlite.ts';

export type { SeedPhase, SeedProgress } from './seed-progress.ts';

/** Any engine, through Kysely: multi-row inserts of 500 posts. */
async function seedGeneric(
  handle: DatabaseHandle,
  plan: SeedPlan,
  onProgress: (progress: SeedProgress) => void,
): Promise<RecomputedCounter> {
  const counts = new CounterAccumulator();
  const idBase = Number(
    (
      await handle.db
        .selectFrom('declarations')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst()
    )?.id ?? 0,
  );
  let batch: Record<string, unknown>[] = [];
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    // Written here, not through declarationsRepository: an operator's benchmark tool filling millions of
    // rows in bulk; it writes their counters and search index once, afterwards (declaration-writes.test.ts allows it).
    await handle.db
      .insertInto('declarations')
      .values(batch as never)
      .execute();
    written += batch.length;
    batch = [];
    onProgress({ phase: 'posts', done: written, total: plan.posts });
  };
  onProgress({ phase: 'posts', done: 0, total: plan.posts });
  for (const post of generatePosts(plan)) {
    const values = postValues(post, idBase);
    batch.push({ ...SHARED_VALUES, ...Object.fromEntries(POST_COLUMNS.map((column, i) => [column, values[i]])) });
    counts.add(post);
    if (batch.length === 500) await flush();
  }
  await flush();
  return counts.result();
}

/**
 * Seeds the registry and leaves every counter exactly as the statements say,
 * and the search index complete.
 */
export async function seedRegistry(
  handle: DatabaseHandle,
  databaseUrl: string,
  plan: SeedPlan,
  onProgress: (progress: SeedProgress) => void,
): Promise<{ posts: number; people: number }> {
  if (handle.engine === 'sqlite') {
    // Through a connection of its own, closed before seeding: SQLite leaves WAL mode (and writes
    // each page once instead of twice) only while no other connection has the file open.
    const migrating = createDatabase(databaseUrl);
    await migrateToLatest(migrating.db);
    await migrating.close();
  } else {
    await migrateToLatest(handle.db);
  }
  const { counts, searchIndexed } =
    handle.engine === 'sqlite'
      ? await seedSqlite(databaseUrl.slice('sqlite:'.length), plan, onProgress)
      : { counts: await seedGeneric(handle, plan, onProgress), searchIndexed: false };
  onProgress({ phase: 'counters', done: 0, total: 1 });
  // Existing counters plus the seeded ones: recompute when the table was not empty.
  const existing = await counterRepository.totals(handle.db);
  await handle.db.transaction().execute(async (trx) => {
    await counterRepository.replaceAll(trx, existing.declarations > 0 ? await counterRepository.recompute(trx) : counts, new Date());
  });
  const totals = await counterRepository.totals(handle.db);
  // The seeded rows were published in bulk, past the status changes that queue them for the log.
  await handle.db.transaction().execute((trx) => logRepository.enqueueUnlogged(trx));
  onProgress({ phase: 'counters', done: 1, total: 1 });
  if (!searchIndexed) {
    // Every counted declaration is indexed, the earlier ones again (idempotent).
    onProgress({ phase: 'search', done: 0, total: totals.declarations });
    // Large batches: each batch is a durable commit, and seeding has no reader to make room for.
    await reindexAll(handle.db, {
      batch: 50_000,
      onProgress: (indexed) => onProgress({ phase: 'search', done: indexed, total: totals.declarations }),
    });
  }
  return { posts: plan.posts, people: totals.people };
}
