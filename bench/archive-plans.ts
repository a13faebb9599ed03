/**
 * Prints the plan of every query the public archive runs, on a throwaway
 * database filled with generated declarations.
 *
 * SQLite (default): `explain query plan` on a file without statistics (the app
 * never runs ANALYZE). Every line should say SEARCH … USING INDEX or PRIMARY
 * KEY; a SCAN of declarations or search_grams, or a TEMP B-TREE for ORDER BY,
 * would be a query whose cost grows with the table.
 *
 * PostgreSQL (`--postgres URL`, a database that may be emptied): `explain
 * (costs off)` after ANALYZE. Expect Index (Only) Scans under a Limit, no Sort
 * over the table and no Seq Scan (on small tables the planner may still prefer
 * one; use a few hundred thousand declarations to see the real plans).
 *
 *   node --import tsx bench/archive-plans.ts [declarations] [--postgres URL]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { Kysely, sql } from 'kysely';
import { PostgresDialect } from 'kysely';
import pg from 'pg';
import { openSqliteFile } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { NodeSqliteDialect } from '../src/db/node-sqlite/node-sqlite-dialect.ts';
import type { Database } from '../src/db/schema.ts';
import { aliasKey } from '../src/domain/declaration/alias-key.ts';
import { archiveRepository } from '../src/repositories/archive-repository.ts';

const args = process.argv.slice(2);
const postgresUrl = args.includes('--postgres') ? args[args.indexOf('--postgres') + 1] : undefined;
const total = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 5000);
const dir = mkdtempSync(join(tmpdir(), 'tuidang-plans-'));
const file = join(dir, 'plans.sqlite');
const captured: { sql: string; parameters: readonly unknown[] }[] = [];
const pool = postgresUrl ? new pg.Pool({ connectionString: postgresUrl, max: 2 }) : undefined;
const db = new Kysely<Database>({
  dialect: pool ? new PostgresDialect({ pool }) : new NodeSqliteDialect(() => openSqliteFile(file)),
  log: (event) => {
    const text = event.query.sql;
    if (event.level === 'query' && /^(select|delete)/.test(text)) captured.push({ sql: text, parameters: event.query.parameters });
  },
});

const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴'];
const GIVEN = ['明', '志', '秀', '建', '丽', '国', '伟', '芳', '敏', '静', '德', '强', '英', '华', '庆', '军', '平', '红', '文', '玉'];
const REGIONS = ['北京', '上海', '广东广州', '辽宁大连', '四川成都', '海外', null];
const TITLES = [
  '声明退出中共党、团、队',
  '声明退出中共团、队',
  '我宣布退出中共',
  '三退声明',
  '看清真相，退出邪党',
  '为了孩子的将来退出少先队',
  '天灭中共，三退保平安',
];

try {
  if (pool) await sql`drop schema public cascade; create schema public`.execute(db).catch(() => undefined);
  await migrateToLatest(db);
  const start = Date.UTC(2025, 0, 1);
  const rows = [];
  for (let i = 0; i < total; i++) {
    // 10 × 20 × 20 = 4,000 names, each about as common as the next.
    const name = SURNAMES[i % 10]! + GIVEN[Math.floor(i / 10) % 20]! + GIVEN[Math.floor(i / 200) % 20]!;
    const status = i % 10 === 0 ? 'retracted' : i % 10 === 1 ? 'pending' : 'published';
    // About 150 a day (34 million over 20 years would be 4,700).
    const at = new Date(start + i * 576_000).toISOString();
    rows.push({
      registration_number: String(1_000_000_000_000_000 + i),
      password_hash: 'x',
      status,
      names: JSON.stringify([name]),
      name_count: 1,
      headcount: 1,
      party: 1,
      league: 0,
      pioneers: 0,
      title: TITLES[i % TITLES.length]!,
      region: REGIONS[i % REGIONS.length] ?? null,
      statement: '愿国家早日开放。'.repeat(10),
      behalf: 'self',
      consent: 1,
      contact_sealed: null,
      channel: 'web',
      locale: 'zh-hans',
      created_at: at,
      status_changed_at: at,
      published_at: status === 'pending' ? null : at,
      counted_day: status === 'pending' ? null : at.slice(0, 10),
      featured_on: i % 97 === 0 && status === 'published' ? at.slice(0, 10) : null,
      alias_key: aliasKey(name),
    } as const);
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('declarations')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  await archiveRepository.reindexAll(db);
  const grams = await db
    .selectFrom('search_grams')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();

  if (pool) await sql`vacuum analyze`.execute(db);
  const raw = pool ? undefined : new DatabaseSync(file);
  async function explain(label: string, run: () => Promise<unknown>) {
    captured.length = 0;
    await run();
    const queries = [...captured];
    for (const query of queries) {
      console.log(`\n## ${label}\n${query.sql.replace(/select "d"\."id", .*? from/, 'select … from')}`);
      if (raw) {
        const plan = raw.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as SQLInputValue[]));
        for (const line of plan) console.log(`  ${String((line as { detail: string }).detail)}`);
      } else {
        const plan = await pool!.query(`explain (costs off) ${query.sql}`, query.parameters as unknown[]);
        for (const line of plan.rows) console.log(`  ${String(line['QUERY PLAN'])}`);
      }
    }
  }

  const size = pool
    ? Number((await sql<{ bytes: string }>`select pg_total_relation_size('search_grams') as bytes`.execute(db)).rows[0]!.bytes)
    : Number(
        (
          raw!.prepare(`select sum(pgsize) as bytes from dbstat where name in ('search_grams', 'search_grams_pk')`).get() as
            | { bytes: number }
            | undefined
        )?.bytes ?? NaN,
      );
  console.log(`${total} declarations, ${Number(grams.n)} search grams, ${(size / Number(grams.n)).toFixed(1)} bytes per gram on disk`);
  const top = Math.floor(total * 0.9);
  const day = String(rows[top]!.counted_day);
  const featured = rows.slice(0, top).findLast((row) => row.featured_on !== null);
  const featuredDay = String(featured?.featured_on ?? day);
  const key = aliasKey(SURNAMES[0]! + GIVEN[3]! + GIVEN[7]!);
  await explain('latest, first page', () => archiveRepository.latest(db, { limit: 21 }));
  await explain('latest, after a cursor', () => archiveRepository.latest(db, { before: top, limit: 21 }));
  await explain('one day', () => archiveRepository.byDay(db, day, { before: top + 50, limit: 21 }));
  await explain('featured, first page', () => archiveRepository.featured(db, { limit: 21 }));
  await explain('featured, after a cursor', () => archiveRepository.featured(db, { after: { day: featuredDay, id: top }, limit: 21 }));
  await explain('alias exact', () => archiveRepository.aliasExact(db, key, { before: top, limit: 21 }));
  await explain('alias prefix, first page', () => archiveRepository.aliasPrefix(db, '张', { limit: 21 }));
  await explain('alias prefix, after a cursor', () => archiveRepository.aliasPrefix(db, '张', { after: { key, id: top }, limit: 21 }));
  await explain('alias key of a cursor', () => archiveRepository.aliasKeyOf(db, top));
  await explain('gram rarity probe', () => archiveRepository.gramFrequencies(db, ['t声明', 't退出', 'r大连'], top));
  await explain('gram window floor', () => archiveRepository.gramWindowFloor(db, 't声明', top));
  await explain('gram search', () =>
    archiveRepository.gramSearch(db, { driver: 'r大连', others: ['r辽宁', 't退出'], before: top, floor: top - 2000, limit: 21 }),
  );
  await explain('index one declaration', () => db.transaction().execute((trx) => archiveRepository.indexForSearch(trx, 12)));
  await explain('unindex one declaration', () => db.transaction().execute((trx) => archiveRepository.unindex(trx, 12)));
  await explain('reindex, one batch', () => archiveRepository.reindexAll(db, { batch: total }));
  raw?.close();
} finally {
  await db.destroy();
  if (process.env.KEEP) console.log(`kept ${file}`);
  else rmSync(dir, { recursive: true, force: true });
}
