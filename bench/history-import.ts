/**
 * The speed of `tuidang history import-posts` into SQLite (docs/performance.md, "Importing the old
 * archive"), as a ratio to a baseline measured in the same run on the same machine:
 *
 * - baseline: the same rows, already made, written by a plain prepared multi-row INSERT (500 rows a
 *   statement, 5,000 a transaction) into a registry of the same schema: what SQLite alone costs;
 * - import: the whole command's work from the file (read, check every line with the form's readers,
 *   hash the passwords, write the rows, the search index, the counters and the carried-over figures,
 *   the progress row) into a fresh registry, and again into the registry that holds them (a run of
 *   a file already imported);
 * - bulk: `import-posts --bulk` into a fresh registry (secondary indexes built after the rows,
 *   prepared statements, the registry held alone), indexes built included;
 * - reading: the file read and checked, nothing written: what the database part leaves.
 *
 *   node --import tsx bench/history-import.ts [posts]      (default 200,000)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bulkPostImport, createServices } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { openSqliteFile } from '../src/db/create-db.ts';
import { addDays, countingDay } from '../src/domain/counter/counting-day.ts';
import { postReadContext, readLegacyPost, type LegacyPost } from '../src/domain/history/legacy-post.ts';
import { openPostFile, readPostLines } from '../src/services/history/post-source.ts';
import { legacyPostLines } from '../src/tools/seed/legacy-posts.ts';

const posts = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'tuidang-import-bench-'));
const file = join(dir, 'posts.jsonl');
const timeZone = 'Asia/Shanghai';
const until = countingDay(new Date(Date.now() - 86_400_000), timeZone);
const rate = (count: number, ms: number) => Math.round(count / (ms / 1000));
const number = (value: number) => value.toLocaleString('en');

const configOf = (name: string) =>
  loadConfig({
    TUIDANG_DATA_DIR: join(dir, name),
    DATABASE_URL: `sqlite:${join(dir, name, 'db.sqlite')}`,
    TUIDANG_TIMEZONE: timeZone,
  });

async function registry(name: string) {
  return createServices(configOf(name));
}

/** Reads and checks every line: the part of the import that is not the database. */
async function readAll(): Promise<LegacyPost[]> {
  const opened = await openPostFile(file);
  if (!opened.ok) throw new Error(opened.problem.code);
  const out: LegacyPost[] = [];
  const context = postReadContext(timeZone, new Date());
  for await (const lines of readPostLines(file, opened.file, opened.file.start)) {
    for (const line of lines) {
      const read = readLegacyPost(line.fields!, context);
      if (read.ok) out.push(read.post);
    }
  }
  return out;
}

/** The baseline: the rows as made, a plain prepared INSERT of 500 rows, 5,000 a transaction. */
function plainInsert(path: string, rows: readonly LegacyPost[]): number {
  const database = openSqliteFile(path);
  const columns = [
    'registration_number',
    'password_hash',
    'status',
    'names',
    'name_count',
    'headcount',
    'party',
    'league',
    'pioneers',
    'title',
  ];
  const more = ['region', 'statement', 'behalf', 'consent', 'channel', 'locale', 'created_at', 'status_changed_at', 'published_at'];
  const all = [...columns, ...more, 'feedback', 'admission', 'featured_on', 'alias_key', 'counted_day', 'legacy_id'];
  const row = `(${all.map(() => '?').join(', ')})`;
  const statement = database.prepare(`insert into declarations (${all.join(', ')}) values ${Array(500).fill(row).join(', ')}`);
  const values = (post: LegacyPost) => {
    const at = post.publishedAt.toISOString();
    return [
      post.registrationNumber,
      '',
      'published',
      JSON.stringify(post.names),
      post.names.length,
      post.headcount,
      Number(post.orgs.includes('party')),
      Number(post.orgs.includes('league')),
      Number(post.orgs.includes('pioneers')),
      post.title ?? '',
      post.region,
      post.statement,
      'self',
      0,
      'legacy',
      'zh-hans',
      at,
      at,
      at,
      post.feedback,
      'imported',
      post.featured ? post.countedDay : null,
      null,
      post.countedDay,
      post.legacyId,
    ];
  };
  const started = performance.now();
  for (let start = 0; start + 500 <= rows.length; start += 5000) {
    database.exec('BEGIN');
    for (let at = start; at < Math.min(start + 5000, rows.length) && at + 500 <= rows.length; at += 500) {
      statement.run(...rows.slice(at, at + 500).flatMap(values));
    }
    database.exec('COMMIT');
  }
  const ms = performance.now() - started;
  database.close();
  return ms;
}

try {
  const lines: string[] = [];
  // As dense as the real archive: 34 million posts over some 7,800 days is about 4,400 a day.
  const from = addDays(until, -Math.ceil(posts / 4400));
  for (const line of legacyPostLines({ posts, from, until, format: 'jsonl', hostileEvery: 0 })) lines.push(line);
  writeFileSync(file, lines.join(''));

  // CPU time beside wall time: on shared cores the wall-clock rate swings with the machine's load, the
  // CPU time per post far less; its inverse is the rate a core of our own would give.
  const cpuMs = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  // The main thread's own CPU: with the reading on a worker thread, the writing thread is the one
  // that bounds the rate when each has a core.
  const threadMs = () => {
    const usage = process.threadCpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  let started = performance.now();
  let cpuStarted = cpuMs();
  let threadStarted = threadMs();
  const rows = await readAll();
  const readMs = performance.now() - started;
  const readCpu = cpuMs() - cpuStarted;
  const readThread = threadMs() - threadStarted;

  const base = await registry('baseline');
  await base.close();
  cpuStarted = cpuMs();
  threadStarted = threadMs();
  const baseMs = plainInsert(join(dir, 'baseline', 'db.sqlite'), rows);
  const baseCpu = cpuMs() - cpuStarted;
  const baseThread = threadMs() - threadStarted;

  const target = await registry('import');
  started = performance.now();
  cpuStarted = cpuMs();
  threadStarted = threadMs();
  const result = await target.services.history.importPosts(file, 'posts.jsonl', { actor: 'bench' });
  const importMs = performance.now() - started;
  const importCpu = cpuMs() - cpuStarted;
  const importThread = threadMs() - threadStarted;
  started = performance.now();
  cpuStarted = cpuMs();
  threadStarted = threadMs();
  const again = await target.services.history.importPosts(file, 'posts.jsonl', { actor: 'bench' });
  const againMs = performance.now() - started;
  const againCpu = cpuMs() - cpuStarted;
  const againThread = threadMs() - threadStarted;
  await target.close();
  if (!result.ok || !again.ok || result.report.written !== rows.length || again.report.written !== 0)
    throw new Error('the import did not write every post once');

  // The bulk import: a registry migrated and closed, then held alone by the import.
  await (await registry('bulk')).close();
  const importBulk = bulkPostImport(configOf('bulk'));
  started = performance.now();
  cpuStarted = cpuMs();
  threadStarted = threadMs();
  const bulk = await importBulk(file, 'posts.jsonl', { actor: 'bench' });
  const bulkMs = performance.now() - started;
  const bulkCpu = cpuMs() - cpuStarted;
  const bulkThread = threadMs() - threadStarted;
  if (!bulk.ok || bulk.report.written !== rows.length) throw new Error('the bulk import did not write every post once');

  const table = [
    ['baseline: plain multi-row INSERT of the rows as made', baseMs, baseCpu, baseThread],
    ['reading and checking the file, nothing written', readMs, readCpu, readThread],
    ['import-posts into an empty registry', importMs, importCpu, importThread],
    ['import-posts of the same file again (writes nothing)', againMs, againCpu, againThread],
    ['import-posts --bulk into an empty registry', bulkMs, bulkCpu, bulkThread],
  ] as const;
  const baseRate = rate(rows.length, baseMs);
  const baseCpuRate = rate(rows.length, baseCpu);
  console.log(
    `${number(rows.length)} posts; wall-clock rate, the rate per CPU-second of this process (every thread), ` +
      'the CPU µs a post costs, and that of the main (writing) thread alone',
  );
  for (const [label, ms, cpu, thread] of table) {
    const perSecond = rate(rows.length, ms);
    const perCpu = rate(rows.length, cpu);
    console.log(
      `${label.padEnd(54)} ${number(perSecond).padStart(9)} posts/s ${(perSecond / baseRate).toFixed(2)}×  ` +
        `${number(perCpu).padStart(9)} posts/CPU-s ${(perCpu / baseCpuRate).toFixed(2)}×  ` +
        `${((cpu * 1000) / rows.length).toFixed(1).padStart(5)} µs/post  main thread ${((thread * 1000) / rows.length).toFixed(1).padStart(5)} µs/post`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
