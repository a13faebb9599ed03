import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../../src/db/create-db.ts';
import { signInAs } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { Gate } from '../helpers/gate.ts';
import { countRows, postJson } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/**
 * Longer than SQLite's busy handler used to wait for the write lock (5 s): a writer that gave up then
 * answered 500. Real time, because the lock wait it outlasts is real time.
 */
const HELD_MS = 6_000;

/** Holds a write transaction on `db` until the gate opens; resolves once the lock is taken. */
async function holdWriteLock(db: DatabaseHandle['db'], gate: Gate): Promise<{ released: Promise<void> }> {
  let locked!: () => void;
  const taken = new Promise<void>((resolve) => (locked = resolve));
  gate.hold(true);
  const released = db.transaction().execute(async (trx) => {
    // The row every serial reservation updates: on PostgreSQL it holds those up as SQLite's lock does.
    await sql`update registration_serials set next_serial = next_serial where id = 1`.execute(trx);
    locked();
    await gate.pass();
  });
  await taken;
  return { released };
}

const releaseAfter = (gate: Gate, ms: number) => new Promise<void>((resolve) => setTimeout(() => void gate.release().then(resolve), ms));

for (const engine of testEngines()) {
  describe(`writers that wait for each other (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('a public submission made while the console holds the write lock is written once the lock is free', {
      timeout: 60_000,
    }, async () => {
      const declaration = { names: ['明德'], orgs: ['party'], headcount: 1, behalf: 'self', consent: true };
      // Registration numbers ready, so the submission goes straight to the writer.
      assert.equal((await postJson(ctx, '/api/v1/declarations', declaration)).status, 201);
      const before = await countRows(ctx, 'declarations');
      const gate = new Gate();
      const { released } = await holdWriteLock(ctx.services.database.db, gate);
      const submitted = postJson(ctx, '/api/v1/declarations', declaration);
      await releaseAfter(gate, HELD_MS);
      await released;
      const response = await submitted;
      assert.equal(response.status, 201, await response.clone().text());
      assert.equal(await countRows(ctx, 'declarations'), before + 1);
    });

    test('a batch entered while another connection holds the write lock is entered once the lock is free', {
      timeout: 60_000,
    }, async () => {
      const staff = await signInAs(ctx, 'volunteer', { trusted: true });
      const other = createDatabase(ctx.config.databaseUrl);
      try {
        const before = await countRows(ctx, 'declarations');
        const gate = new Gate();
        const { released } = await holdWriteLock(other.db, gate);
        const fields: [string, string][] = [
          ['_csrf', staff.csrf],
          ['count', '2'],
          ['channel', 'phone'],
          ['conversationDate', '2025-06-01'],
          ['consent', 'confirmed'],
          ['action', 'submit'],
        ];
        for (const [n, name] of [
          [1, '松柏长青'],
          [2, '竹梅双清'],
        ] as const)
          fields.push([`name_${n}`, name], [`orgs_${n}`, 'party'], [`headcount_${n}`, '1'], [`region_${n}`, '']);
        const entered = ctx.app.request('/console/batch', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `tuidang_staff=${staff.cookie}` },
          body: new URLSearchParams(fields).toString(),
        });
        await releaseAfter(gate, HELD_MS);
        await released;
        const response = await entered;
        assert.equal(response.status, 200, (await response.clone().text()).slice(0, 500));
        assert.equal(await countRows(ctx, 'declarations'), before + 2);
      } finally {
        await other.close();
      }
    });
  });
}
