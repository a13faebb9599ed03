/**
 * What one public read costs in the process, without HTTP or wrk: the app answers `app.request()` for
 * each path in turn, and the CPU time (user + system, this thread) per answer is printed per route.
 *
 *   node --import tsx bench/read-costs.ts DATA_DIR [--rounds 2] [--count 1000] [--cpu-prof]
 *
 * Read-only on DATA_DIR's posts (the server's start may migrate it, as `tuidang serve` would).
 */
import { parseArgs } from 'node:util';
import { getRequestListener } from '@hono/node-server';
import { createServices } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/http/app.ts';
import { PreparedRoutes } from '../src/http/fast-lane/prepared-routes.ts';
import { createLogger } from '../src/logging/logger.ts';
import { readScenarios, samplePublishedRows } from './lib/reads.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '2' }, count: { type: 'string', default: '1000' }, only: { type: 'string' } },
});
const dataDir = positionals[0];
if (!dataDir) throw new Error('usage: bench/read-costs.ts DATA_DIR');
const count = Number(values.count);
const rows = samplePublishedRows(dataDir, count);
const locales = ['zh-hans', 'zh-hant', 'en'];
const scenarios: [string, string[]][] = [
  ['permalink-unseen', rows.map((row, i) => `/${locales[i % 3]}/declarations/${row.number}`)] as [string, string[]],
  ...readScenarios(rows),
].filter(([name]) => !values.only || new RegExp(values.only).test(name));

const logger = createLogger('warn');
const composition = await createServices(loadConfig({ ...process.env, TUIDANG_DATA_DIR: dataDir, DATABASE_URL: '' }), { logger });
const app = createApp({ logger, services: composition.services, prepared: new PreparedRoutes() });
// The server's own Request and Response (@hono/node-server's light ones, made the globals when its
// listener is built), so a read costs here what it costs in the server: undici's Response, which
// app.request() would otherwise build, cost a page about 100 µs more than the server pays.
getRequestListener(app.fetch);

/** The body's size as the server writes it: from the light Response's own record, without building a web Response. */
async function bodyBytes(response: Response): Promise<number> {
  for (const symbol of Object.getOwnPropertySymbols(response)) {
    const cached = (response as unknown as Record<symbol, unknown>)[symbol];
    if (!Array.isArray(cached)) continue;
    const body: unknown = cached[1];
    if (typeof body === 'string') return Buffer.byteLength(body);
    if (body instanceof Uint8Array) return body.byteLength;
  }
  return (await response.arrayBuffer()).byteLength;
}
for (let round = 1; round <= Number(values.rounds); round++) {
  for (const [name, paths] of scenarios) {
    const start = process.cpuUsage();
    const wall = performance.now();
    let bytes = 0;
    for (const path of paths) {
      const response = await app.request(path);
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      bytes += await bodyBytes(response);
    }
    const cpu = process.cpuUsage(start);
    const per = (cpu.user + cpu.system) / paths.length;
    console.log(
      `round ${round} ${name.padEnd(18)} ${String(paths.length).padStart(6)} reads  ${per.toFixed(0).padStart(6)} µs CPU  ${(((performance.now() - wall) * 1000) / paths.length).toFixed(0).padStart(6)} µs wall  ${(bytes / paths.length / 1024).toFixed(1)} KB`,
    );
  }
}
await composition.close();
