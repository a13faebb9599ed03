import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testEngines, type TestDatabase } from '../helpers/databases.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { receiptFromHtml } from '../helpers/requests.ts';
import { runCli, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

/** The whole journey on a real process: declare, approve with the CLI, permalink, check, retract. */
for (const engine of testEngines()) {
  describe(`a declarant's journey through the real service (${engine})`, () => {
    let dir: string;
    let database: TestDatabase;
    let server: ServerProcess;
    let env: Record<string, string>;
    before(async () => {
      dir = makeTempDir();
      database = await createTestDatabase(engine, dir);
      env = { TUIDANG_DATA_DIR: dir, DATABASE_URL: database.url };
      server = await startServerProcess(env);
    });
    after(async () => {
      await server.stop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('declare → approve (CLI) → permalink → status → retract', async () => {
      const form = new URLSearchParams({ names: '明德、安宁', orgs: 'league', headcount: '2', statement: '告别红领巾' });
      form.append('orgs', 'pioneers');
      const declared = await fetch(`${server.url}/zh-hans/declare`, { method: 'POST', body: form });
      assert.equal(declared.status, 200);
      const receipt = receiptFromHtml(await declared.text());

      const permalink = `${server.url}/zh-hant/declarations/${receipt.registrationNumber}`;
      assert.equal((await fetch(permalink)).status, 404, 'not public before approval');

      const approved = await runCliInProcess(['declarations', 'approve', receipt.registrationNumber], env);
      assert.equal(approved.code, 0, approved.stderr);
      assert.match(approved.stdout, new RegExp(`published ${receipt.registrationNumber}`));

      const page = await fetch(permalink);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /告別紅領巾/);

      const status = await fetch(`${server.url}/en/receipt`, { method: 'POST', body: new URLSearchParams(receipt) });
      assert.match(await status.text(), /data-status="published"/);

      const retracted = await fetch(`${server.url}/en/receipt/retract`, {
        method: 'POST',
        body: new URLSearchParams({ ...receipt, confirm: 'yes' }),
        redirect: 'manual',
      });
      assert.equal(retracted.status, 303);
      assert.equal((await fetch(permalink)).status, 404, 'gone from public view after retraction');
    });

    test('the CLI refuses what it cannot do, and says why', async () => {
      const unknown = await runCliInProcess(['declarations', 'approve', '4111111111111111'], env);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /skipped 4111111111111111: no such declaration/);

      const noReason = await runCliInProcess(['declarations', 'reject', '4111111111111111'], env);
      assert.equal(noReason.code, 2);
      assert.match(noReason.stderr, /--reason/);

      const response = await fetch(`${server.url}/api/v1/declarations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ names: '志远', orgs: ['party'] }),
      });
      const { registrationNumber } = (await response.json()) as { registrationNumber: string };
      const rejected = await runCliInProcess(['declarations', 'reject', registrationNumber, '--reason', '请使用化名'], env);
      assert.equal(rejected.code, 0, rejected.stderr);
      const again = await runCliInProcess(['declarations', 'approve', registrationNumber], env);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /not pending/);
    });
  });
}

describe('the tuidang command', () => {
  test('--help lists the commands; each command has its own --help', async () => {
    // Spawned: bin/tuidang.js runs main() with the process's arguments and exit code; the rest runs in-process.
    const overview = await runCli(['--help'], {});
    assert.equal(overview.code, 0);
    for (const command of ['serve', 'migrate', 'declarations']) assert.match(overview.stdout, new RegExp(`\\b${command}\\b`));
    for (const command of ['serve', 'migrate', 'declarations']) {
      const help = await runCliInProcess([command, '--help'], {});
      assert.equal(help.code, 0);
      assert.match(help.stdout, new RegExp(`tuidang ${command}`));
    }
  });

  test('an unknown command fails with the overview', async () => {
    const result = await runCliInProcess(['frobnicate'], {});
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Unknown command "frobnicate"/);
  });

  test('migrate creates the schema once and is idempotent', async () => {
    const dir = makeTempDir();
    try {
      const env = { TUIDANG_DATA_DIR: dir };
      const first = await runCliInProcess(['migrate'], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /applied 0001-declarations/);
      const second = await runCliInProcess(['migrate'], env);
      assert.equal(second.code, 0);
      assert.match(second.stdout, /up to date/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a bad environment is reported, not thrown', async () => {
    const result = await runCliInProcess(['migrate'], { DATABASE_URL: 'mysql://nope' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /DATABASE_URL must start with sqlite: or postgres:\/\//);
  });
});
