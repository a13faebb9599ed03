import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { regionKey } from '../../domain/counting/counting-day.ts';
import { reindexAll } from '../../repositories/archive-repository.ts';
import { countsRepository, type BreakdownRow, type DailyFigures } from '../../repositories/counts-repository.ts';
import { openSqliteFile, type DatabaseHandle } from '../create-db.ts';
import { migrateToLatest } from '../migrate.ts';
import { generatePosts, type SeedPlan, type SeedPost } from './seed-generator.ts';

export interface SeedProgress {
  written: number;
  total: number;
}

const COLUMNS = [
  'registration_number', 'password_hash', 'status', 'names', 'name_count', 'headcount', 'party', 'league', 'pioneers',
  'title', 'region', 'statement', 'behalf', 'consent', 'channel', 'locale', 'created_at', 'status_changed_at',
  'published_at', 'admission', 'alias_key', 'counted_day', 'duplicate_of',
] as const;

// Seeded posts have no receipt: nobody can look them up or retract them.
const NO_PASSWORD = 'seed';

function values(post: SeedPost, idBase: number): (string | number | null)[] {
  return [
    post.registrationNumber, NO_PASSWORD, post.status, post.names, post.nameCount, post.headcount, post.party, post.league,
    post.pioneers, post.title, post.region, post.statement, 'self', 1, post.channel, 'zh-hans', post.createdAt,
    post.publishedAt ?? post.createdAt, post.publishedAt, 'public', post.aliasKey,
    post.status === 'pending' ? null : post.countedDay, post.duplicateOf === null ? null : post.duplicateOf + idBase,
  ];
}

/** Adds up, while generating, what the counters must say; written once at the end. */
class CountAccumulator {
  readonly daily = new Map<string, DailyFigures>();
  readonly breakdown = new Map<string, BreakdownRow>();

  add(post: SeedPost): void {
    if (post.status !== 'published' || post.duplicateOf !== null) return;
    const day = this.daily.get(post.countedDay) ?? { day: post.countedDay, declarations: 0, people: 0, party: 0, league: 0, pioneers: 0 };
    day.declarations += 1;
    day.people += post.headcount;
    day.party += post.party * post.headcount;
    day.league += post.league * post.headcount;
    day.pioneers += post.pioneers * post.headcount;
    this.daily.set(post.countedDay, day);
    for (const [dimension, key] of [['region', regionKey(post.region)], ['channel', post.channel], ['center', 'none']] as const) {
      const id = `${post.countedDay}|${dimension}|${key}`;
      const row = this.breakdown.get(id) ?? { day: post.countedDay, dimension, key, declarations: 0, people: 0 };
      row.declarations += 1;
      row.people += post.headcount;
      this.breakdown.set(id, row);
    }
  }
}

/**
 * The SQLite fast path: one prepared statement, large transactions, and
 * synchronous=OFF while seeding (synthetic data, rebuilt if a crash interrupts
 * it). The service's own connections always use synchronous=FULL.
 */
function seedSqlite(path: string, plan: SeedPlan, onProgress: (progress: SeedProgress) => void): CountAccumulator {
  const database: DatabaseSync = openSqliteFile(path);
  const counts = new CountAccumulator();
  try {
    database.exec('PRAGMA synchronous = OFF');
    database.exec('PRAGMA cache_size = -262144');
    const idBase = Number((database.prepare('select coalesce(max(id), 0) as id from declarations').get() as { id: number }).id);
    // Building secondary indexes once, after the rows, is several times faster than keeping them
    // up to date row by row; only for an empty table, so a live registry is never left without them.
    const indexes =
      idBase === 0
        ? (database.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'declarations' and sql is not null").all() as {
            name: string;
            sql: string;
          }[])
        : [];
    for (const index of indexes) database.exec(`DROP INDEX ${index.name}`);
    // An empty registry being seeded has nothing to protect: skip the WAL's double write.
    if (idBase === 0) database.exec('PRAGMA journal_mode = OFF');
    // Many rows per statement: each call into SQLite costs more than binding a few more values.
    const rowsPerStatement = 40;
    const row = `(${COLUMNS.map(() => '?').join(', ')})`;
    const insertMany: StatementSync = database.prepare(
      `insert into declarations (${COLUMNS.join(', ')}) values ${Array(rowsPerStatement).fill(row).join(', ')}`,
    );
    const insertOne: StatementSync = database.prepare(`insert into declarations (${COLUMNS.join(', ')}) values ${row}`);
    let written = 0;
    let pending: (string | number | null)[] = [];
    database.exec('BEGIN');
    for (const post of generatePosts(plan)) {
      pending.push(...values(post, idBase));
      counts.add(post);
      if (++written % rowsPerStatement === 0) {
        insertMany.run(...pending);
        pending = [];
      }
      if (written % 100_000 === 0) {
        database.exec('COMMIT');
        onProgress({ written, total: plan.posts });
        database.exec('BEGIN');
      }
    }
    for (let i = 0; i < pending.length; i += COLUMNS.length) insertOne.run(...pending.slice(i, i + COLUMNS.length));
    database.exec('COMMIT');
    for (const index of indexes) database.exec(index.sql);
    database.exec('PRAGMA journal_mode = WAL');
    onProgress({ written, total: plan.posts });
  } finally {
    database.close();
  }
  return counts;
}

async function seedGeneric(handle: DatabaseHandle, plan: SeedPlan, onProgress: (progress: SeedProgress) => void): Promise<CountAccumulator> {
  const counts = new CountAccumulator();
  const idBase = Number((await handle.db.selectFrom('declarations').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0);
  let batch: Record<string, unknown>[] = [];
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await handle.db.insertInto('declarations').values(batch as never).execute();
    written += batch.length;
    batch = [];
    onProgress({ written, total: plan.posts });
  };
  for (const post of generatePosts(plan)) {
    batch.push(Object.fromEntries(COLUMNS.map((column, i) => [column, values(post, idBase)[i]])));
    counts.add(post);
    if (batch.length === 500) await flush();
  }
  await flush();
  return counts;
}

/** Seeds the registry and leaves every counter exactly as the statements say. */
export async function seedRegistry(
  handle: DatabaseHandle,
  databaseUrl: string,
  plan: SeedPlan,
  onProgress: (progress: SeedProgress) => void,
): Promise<{ posts: number; people: number }> {
  await migrateToLatest(handle.db);
  const counts =
    handle.engine === 'sqlite' ? seedSqlite(databaseUrl.slice('sqlite:'.length), plan, onProgress) : await seedGeneric(handle, plan, onProgress);
  // Existing counters plus the seeded ones: recompute when the table was not empty.
  const existing = await countsRepository.totals(handle.db);
  await handle.db.transaction().execute(async (trx) => {
    if (existing.declarations > 0) {
      await countsRepository.replaceAll(trx, await countsRepository.recompute(trx), new Date());
    } else {
      await countsRepository.replaceAll(
        trx,
        { daily: [...counts.daily.values()].sort((a, b) => a.day.localeCompare(b.day)), breakdown: [...counts.breakdown.values()] },
        new Date(),
      );
    }
  });
  // Large batches: each batch is a durable commit, and seeding has no reader to make room for.
  await reindexAll(handle.db, { batch: 50_000 });
  return { posts: plan.posts, people: (await countsRepository.totals(handle.db)).people };
}
