import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createDatabase } from '../../src/db/create-db.ts';
import { createTestDatabase, testEngines, type TestDatabase } from '../helpers/databases.ts';
import { runCli, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

const SERVERS = 3;
const FIRST_WAVE = 450;
const LANES = 24;

interface Receipt {
  registrationNumber: string;
  queryPassword: string;
}

async function submit(server: ServerProcess, i: number): Promise<{ status: number; receipt?: Receipt }> {
  const response = await fetch(`${server.url}/api/v1/declarations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ names: ['明德', '安宁'].slice(0, (i % 2) + 1), orgs: ['party'], headcount: 1 + (i % 2) + (i % 5) }),
  });
  return { status: response.status, receipt: response.status === 201 ? ((await response.json()) as Receipt) : undefined };
}

async function retract(server: ServerProcess, receipt: Receipt): Promise<number> {
  const response = await fetch(`${server.url}/api/v1/receipts/retract`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(receipt),
  });
  await response.body?.cancel();
  return response.status;
}

/** Runs `count` jobs with at most `lanes` in flight. */
async function inLanes<T>(count: number, lanes: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await job(i);
      }
    }),
  );
  return results;
}

for (const engine of testEngines()) {
  describe(`several server processes on one ${engine} database`, () => {
    let dir: string;
    let database: TestDatabase;
    let servers: ServerProcess[];
    let env: Record<string, string>;

    before(async () => {
      dir = makeTempDir();
      database = await createTestDatabase(engine, dir);
      env = { TUIDANG_DATA_DIR: dir, DATABASE_URL: database.url, TUIDANG_LOG_LEVEL: 'warn' };
      // The first one migrates and creates the keys; the others then start together.
      servers = [await startServerProcess(env)];
      servers.push(...(await Promise.all(Array.from({ length: SERVERS - 1 }, () => startServerProcess(env)))));
    });
    after(async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('concurrent submit, approve and retract lose nothing and count nothing twice', async () => {
      const first = await inLanes(FIRST_WAVE, LANES, (i) => submit(servers[i % SERVERS]!, i));
      assert.deepEqual(
        first.filter((r) => r.status !== 201).map((r) => r.status),
        [],
        'every submission acknowledged',
      );
      const receipts = first.map((r) => r.receipt!);

      const toApprove = receipts.slice(0, 300).map((r) => r.registrationNumber);
      const toRetract = receipts.slice(200, 350);
      // Two moderators approving the same declarations at once, while declarants retract some of
      // them on two servers at once each, while new declarations keep arriving.
      const [approvalA, approvalB, retractions, second] = await Promise.all([
        runCli(['declarations', 'approve', ...toApprove], env),
        runCli(['declarations', 'approve', ...[...toApprove].reverse()], env),
        inLanes(toRetract.length * 2, LANES, (i) => retract(servers[i % SERVERS]!, toRetract[Math.floor(i / 2)]!)),
        inLanes(150, 8, (i) => submit(servers[(i + 1) % SERVERS]!, FIRST_WAVE + i)),
      ]);
      assert.deepEqual(
        second.filter((r) => r.status !== 201).map((r) => r.status),
        [],
      );
      receipts.push(...second.map((r) => r.receipt!));

      const publishedBy = (output: string) => [...output.matchAll(/^published (\d{16})$/gm)].map((m) => m[1]!);
      const approvedOnce = [...publishedBy(approvalA.stdout), ...publishedBy(approvalB.stdout)];
      assert.equal(new Set(approvedOnce).size, approvedOnce.length, 'no declaration was published by both moderators');

      for (let i = 0; i < toRetract.length; i++) {
        const pair = [retractions[2 * i], retractions[2 * i + 1]].sort();
        assert.deepEqual(pair, [200, 409], `retracting ${toRetract[i]!.registrationNumber} twice at once`);
      }

      const handle = createDatabase(database.url);
      try {
        const rows = await handle.db.selectFrom('declarations').select(['id', 'registration_number', 'status', 'headcount']).execute();
        const events = await handle.db.selectFrom('declaration_events').select(['declaration_id', 'kind']).orderBy('id').execute();

        assert.equal(rows.length, receipts.length, 'exactly the acknowledged declarations are stored');
        const stored = new Set(rows.map((row) => row.registration_number));
        assert.equal(stored.size, rows.length, 'registration numbers are unique');
        for (const receipt of receipts) assert.ok(stored.has(receipt.registrationNumber));

        // Reconcile: replaying each declaration's events gives its stored status, and the people
        // counted from statuses equal the people counted from the event log.
        const replayed = new Map<number, string>();
        const kinds = new Map<number, string[]>();
        for (const event of events) {
          kinds.set(event.declaration_id, [...(kinds.get(event.declaration_id) ?? []), event.kind]);
          replayed.set(
            event.declaration_id,
            { submitted: 'pending', published: 'published', rejected: 'rejected', retracted: 'retracted' }[event.kind],
          );
        }
        for (const row of rows) {
          const history = kinds.get(row.id) ?? [];
          assert.equal(history.filter((kind) => kind === 'submitted').length, 1, `${row.registration_number} submitted once`);
          assert.ok(history.filter((kind) => kind === 'published').length <= 1, `${row.registration_number} published at most once`);
          assert.ok(history.filter((kind) => kind === 'retracted').length <= 1, `${row.registration_number} retracted at most once`);
          assert.equal(replayed.get(row.id), row.status, `${row.registration_number}: events and status agree`);
        }
        const publishedEvents = events.filter((event) => event.kind === 'published').length;
        assert.equal(approvedOnce.length, publishedEvents, 'what the moderators were told matches the log');

        const people = (statusOf: (row: (typeof rows)[number]) => string | undefined) =>
          rows.filter((row) => statusOf(row) === 'published').reduce((sum, row) => sum + row.headcount, 0);
        assert.equal(
          people((row) => row.status),
          people((row) => replayed.get(row.id)),
        );
        assert.equal(rows.filter((row) => row.status === 'retracted').length, toRetract.length);
      } finally {
        await handle.close();
      }
    });
  });
}
