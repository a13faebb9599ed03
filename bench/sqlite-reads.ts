/**
 * What SQLite's settings do to the archive's reads on a large registry, without the app: each query
 * as the archive repository issues it, for a few thousand random keys, per setting of the page cache
 * and memory mapping. Read-only.
 *
 *   node --import tsx bench/sqlite-reads.ts DATA_DIR [--count 2000]
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { samplePublishedRows } from './lib/reads.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { count: { type: 'string', default: '2000' } } });
const dataDir = positionals[0];
if (!dataDir) throw new Error('usage: bench/sqlite-reads.ts DATA_DIR');
const rows = samplePublishedRows(dataDir, Number(values.count));
const published = "d.status = 'published' and d.duplicate_of is null";
const columns =
  'd.id, d.registration_number, d.names, d.headcount, d.party, d.league, d.pioneers, d.title, d.region, d.statement, d.behalf, d.published_at, d.counted_day, d.featured_on, d.alias_key';
const queries: [string, string, (row: (typeof rows)[number]) => (string | number)[]][] = [
  ['row by id', `select ${columns} from declarations d where d.id = ?`, (row) => [row.id]],
  [
    'day page',
    `select ${columns} from declarations k cross join declarations d on d.id = k.id where k.counted_day = ? and ${published} order by k.id desc limit 21`,
    (row) => [row.day ?? ''],
  ],
  ['deep cursor', `select ${columns} from declarations d where ${published} and d.id < ? order by d.id desc limit 21`, (row) => [row.id]],
  [
    'alias search',
    `select ${columns} from declarations k cross join declarations d on d.id = k.id where k.alias_key = (select alias_key from declarations where id = ?) and ${published} order by k.id desc limit 21`,
    (row) => [row.id],
  ],
];
const settings = [
  { cache: -2000, mmap: 0 },
  { cache: -65536, mmap: 0 },
  { cache: -2000, mmap: 2 ** 30 },
];
for (const round of [1, 2]) {
  for (const { cache, mmap } of settings) {
    const db = new DatabaseSync(join(dataDir, 'tuidang.sqlite'), { readOnly: true });
    db.exec(`pragma cache_size = ${cache}; pragma mmap_size = ${mmap}`);
    for (const [name, sql, args] of queries) {
      const statement = db.prepare(sql);
      const cpu = process.cpuUsage();
      const wall = performance.now();
      let found = 0;
      for (const row of rows) found += statement.all(...args(row)).length;
      const used = process.cpuUsage(cpu);
      const per = (n: number) => (n / rows.length).toFixed(0).padStart(6);
      console.log(
        `round ${round}  cache ${String(Math.round(-cache / 1024)).padStart(3)} MB  mmap ${String(mmap / 2 ** 20).padStart(4)} MB  ${name.padEnd(13)} ${per(used.user + used.system)} µs CPU ${per((performance.now() - wall) * 1000)} µs wall  ${(found / rows.length).toFixed(1)} rows`,
      );
    }
    db.close();
  }
}
