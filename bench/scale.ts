/**
 * Server time of the read paths at a given registry size, so two sizes can be
 * compared side by side: `node --import tsx bench/scale.ts DATA_DIR [DATA_DIR…]`
 * (each a TUIDANG_DATA_DIR made with `tuidang seed --posts N`). Requests go
 * through the real app in process (no sockets), sequentially, after a warm-up;
 * p50 and p99 are of the handler's own time. Prints one JSON line per route
 * and size, then a table.
 */
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/http/app.ts';
import { PreparedRoutes } from '../src/http/fast-lane/prepared-routes.ts';
import { createLogger } from '../src/logging/logger.ts';
import { createServices } from '../src/composition.ts';

const WARMUP = 50;
const RUNS = 400;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Real keys to ask for: a published permalink, a day five years back, a name to search. */
function probes(dataDir: string) {
  const db = new DatabaseSync(join(dataDir, 'tuidang.sqlite'), { readOnly: true });
  const count = (db.prepare('select max(id) as n from declarations').get() as { n: number }).n;
  const row = (sql: string, ...args: (string | number)[]) => db.prepare(sql).get(...args) as Record<string, string | number>;
  const middle = row(
    "select registration_number, alias_key from declarations where id >= ? and status = 'published' order by id limit 1",
    Math.floor(count / 2),
  );
  const fiveYearsAgo = new Date(Date.now() - 5 * 365.25 * 86_400_000).toISOString().slice(0, 10);
  const oldDay = row(
    "select counted_day from declarations where counted_day <= ? and status = 'published' order by counted_day desc limit 1",
    fiveYearsAgo,
  );
  const cursorRow = row(
    "select id from declarations where counted_day <= ? and status = 'published' order by counted_day desc limit 1",
    fiveYearsAgo,
  );
  db.close();
  const cursor = Buffer.from(String(cursorRow.id)).toString('base64url');
  return {
    posts: count,
    routes: {
      home: '/zh-hans/',
      counter: '/api/v1/counter',
      'archive 5 years back': `/zh-hans/declarations?cursor=${cursor}`,
      'day page': `/zh-hans/days/${oldDay.counted_day}`,
      permalink: `/zh-hans/declarations/${middle.registration_number}`,
      'search (alias prefix)': `/zh-hans/search?field=alias&mode=prefix&q=${encodeURIComponent(String(middle.alias_key).slice(0, 1))}`,
      'search (title)': `/zh-hans/search?field=title&q=${encodeURIComponent('声明退出')}`,
    } as Record<string, string>,
  };
}

async function measure(dataDir: string) {
  const { posts, routes } = probes(dataDir);
  const config = loadConfig({ TUIDANG_DATA_DIR: dataDir, TUIDANG_LOG_LEVEL: 'silent' });
  const { services, close } = await createServices(config);
  // In-process times of the app itself: the prepared routes served ahead of it by the server are not measured here.
  const app = createApp({ logger: createLogger('silent'), services, prepared: new PreparedRoutes() });
  const results: { route: string; posts: number; p50: number; p99: number; status: number }[] = [];
  for (const [route, path] of Object.entries(routes)) {
    let status = 0;
    for (let i = 0; i < WARMUP; i++) status = (await app.request(path)).status;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const response = await app.request(path);
      await response.arrayBuffer();
      times.push(performance.now() - started);
      // The counter and home lists are cached for a second; measure the misses too.
      if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 1_050));
    }
    times.sort((a, b) => a - b);
    const result = { route, posts, p50: Number(percentile(times, 50).toFixed(2)), p99: Number(percentile(times, 99).toFixed(2)), status };
    console.log(JSON.stringify(result));
    results.push(result);
  }
  await close();
  return results;
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node --import tsx bench/scale.ts DATA_DIR [DATA_DIR…]');
  process.exit(2);
}
const all: Awaited<ReturnType<typeof measure>> = [];
for (const dir of dirs) all.push(...(await measure(dir)));
const sizes = [...new Set(all.map((r) => r.posts))];
console.log(`\n${'route'.padEnd(24)}${sizes.map((n) => `${n.toLocaleString('en')} posts: p50 / p99 ms`.padStart(34)).join('')}`);
for (const route of [...new Set(all.map((r) => r.route))]) {
  const cells = sizes.map((n) => {
    const r = all.find((x) => x.route === route && x.posts === n)!;
    return `${r.p50.toFixed(2)} / ${r.p99.toFixed(2)}${r.status === 200 ? '' : ` (${r.status})`}`.padStart(34);
  });
  console.log(`${route.padEnd(24)}${cells.join('')}`);
}
