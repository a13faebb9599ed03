/**
 * PostgreSQL group commit below HTTP: how many submissions a second reach a durable commit, 64 at a
 * time in a closed loop, along three paths on the same database in the same run:
 *
 *   plain       one INSERT per submission, autocommit, on the pool of 10 (the naive path, as the
 *               naive-pg-insert baseline server does it, with the real row)
 *   transaction the group commit as it was: batches of up to 16, 8 at once, each a transaction of
 *               INSERT … RETURNING, the events' INSERT, BEGIN and COMMIT (src/intake/writer/intake-writer.ts)
 *   statement   the group commit now: batches of up to 64, 4 at once, each ONE statement (the events
 *               by a data-modifying CTE), one round trip, one commit
 *
 * It prints each path's rate, its ratio to plain, and the CPU per submission of this process and of
 * the PostgreSQL cluster's processes (when it runs on this machine and /proc shows them). HTTP, JSON
 * and the receipt's crypto are left out: `npm run bench` measures them (pg-intake-api).
 *
 *   node --import tsx bench/pg-group-commit.ts postgres://tuidang@127.0.0.1:54471/bench [--seconds 5]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { cpuBetween, pgClusterCpu } from './lib/pg-cluster.ts';
import { cpuMicros } from './lib/processes.ts';
import { createDatabase } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { GroupCommit } from '../src/intake/group-commit.ts';
import { writeSubmissions } from '../src/intake/writer/intake-writer.ts';
import { declarationInserts } from '../src/repositories/declarations/inserts.ts';
import type { NewDeclaration, WriteOutcome } from '../src/repositories/declarations/index.ts';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { seconds: { type: 'string', default: '5' }, repeats: { type: 'string', default: '3' } },
});
const url = positionals[0] ?? process.env.TEST_DATABASE_URL;
if (!url?.startsWith('postgres')) {
  process.stderr.write('usage: node --import tsx bench/pg-group-commit.ts postgres://… [--seconds 5] [--repeats 3]\n');
  process.exit(2);
}
const SECONDS = Number(options.seconds);
const CONCURRENCY = 64;

const { db, close } = createDatabase(url);
await migrateToLatest(db);
let serial =
  Number(
    (
      await db
        .selectFrom('declarations')
        .select((eb) => eb.fn.max('registration_serial').as('m'))
        .executeTakeFirst()
    )?.m ?? 0,
  ) + 1e9;

function submission(): NewDeclaration {
  serial++;
  return {
    registrationNumber: `B${serial}`,
    registrationSerial: serial,
    passwordHash: `bench-${serial}`,
    names: ['王明华', '李平'],
    headcount: 2,
    orgs: ['league'],
    title: null,
    region: '北京',
    statement: '退出中共的青年团组织。',
    behalf: 'self',
    consent: true,
    contactSealed: null,
    channel: 'api',
    locale: 'zh-hans',
    createdAt: new Date(),
    aliasKey: '王明华',
  };
}

type Submit = (row: NewDeclaration) => Promise<WriteOutcome>;
const batched = (commit: (rows: readonly NewDeclaration[]) => Promise<WriteOutcome[]>, maxBatch: number, maxInFlight: number): Submit => {
  const group = new GroupCommit<NewDeclaration, WriteOutcome>({ commit, maxBatch, maxInFlight });
  return (row) => group.submit(row);
};
const paths: Record<string, Submit> = {
  plain: (row) => declarationInserts.insert(db, row),
  transaction: batched((rows) => writeSubmissions(db, rows), 16, 8),
  statement: batched((rows) => declarationInserts.insertSubmittedAtOnce(db, rows), 64, 4),
};

const clusterCpu = await pgClusterCpu(url);

async function run(submit: Submit): Promise<{ rate: number; selfUs: number; serverUs: number }> {
  let done = 0;
  let open = true;
  const until = performance.now() + SECONDS * 1000;
  const before = { self: cpuMicros(process.pid), server: clusterCpu() };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (open && performance.now() < until) {
        await submit(submission());
        done++;
      }
      open = false;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = { self: cpuMicros(process.pid), server: clusterCpu() };
  return {
    rate: done / seconds,
    selfUs: (after.self - before.self) / done,
    serverUs: cpuBetween(before.server, after.server) / done,
  };
}

const results = new Map<string, { rate: number; selfUs: number; serverUs: number }[]>();
for (let round = 0; round < Number(options.repeats); round++) {
  for (const [name, submit] of Object.entries(paths)) {
    await run(submit); // warm-up: a second's worth is enough for the pool and the statement cache
    results.set(name, [...(results.get(name) ?? []), await run(submit)]);
  }
}
const median = <T>(values: T[], by: (value: T) => number) => [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!;
const plain = median(results.get('plain')!, (r) => r.rate).rate;
const load = os.loadavg()[0]!.toFixed(1);
for (const [name, runs] of results) {
  const middle = median(runs, (r) => r.rate);
  console.log(
    JSON.stringify({
      path: name,
      rate: Math.round(middle.rate),
      rates: runs.map((r) => Math.round(r.rate)),
      ratio: Number((middle.rate / plain).toFixed(2)),
      cpuUs: Math.round(middle.selfUs),
      serverCpuUs: Math.round(middle.serverUs),
      load,
    }),
  );
}
await close();
