import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { startServerProcess } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

test('every acknowledged submission survives SIGKILL of the server', async () => {
  const dir = makeTempDir();
  const server = await startServerProcess({ TUIDANG_DATA_DIR: dir, TUIDANG_LOG_LEVEL: 'warn' });
  const acknowledged: string[] = [];
  let stopSending = false;
  const submitOne = async (i: number) => {
    try {
      const response = await fetch(`${server.url}/api/v1/declarations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ names: '明德', orgs: ['party'], statement: `no. ${i}` }),
      });
      if (response.status === 201) acknowledged.push(((await response.json()) as { registrationNumber: string }).registrationNumber);
    } catch {
      // Requests cut off by the kill were never acknowledged; they may or may not be stored.
    }
  };
  // Waves of concurrent submissions, so batches are in flight when the process dies.
  const senders = Array.from({ length: 16 }, async (_, lane) => {
    for (let i = 0; !stopSending; i++) await submitOne(lane * 10_000 + i);
  });
  while (acknowledged.length < 300) await new Promise((resolve) => setTimeout(resolve, 10));
  server.child.kill('SIGKILL');
  stopSending = true;
  await Promise.all(senders);
  await server.stop();

  const database = new DatabaseSync(join(dir, 'tuidang.sqlite'));
  const stored = new Set(
    (database.prepare('select registration_number from declarations').all() as { registration_number: string }[]).map(
      (row) => row.registration_number,
    ),
  );
  const events = database.prepare("select count(*) as n from declaration_events where kind = 'submitted'").get() as { n: number };
  database.close();
  const lost = acknowledged.filter((number) => !stored.has(number));
  assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged declarations were lost`);
  assert.equal(events.n, stored.size, 'every stored declaration has its submitted event (same transaction)');
  rmSync(dir, { recursive: true, force: true });
});
