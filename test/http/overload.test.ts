import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../../src/db/create-db.ts';
import { catalogFor, errorMessage } from '../../src/i18n/index.ts';
import { testEngines, type TestEngine } from '../helpers/databases.ts';
import { Gate } from '../helpers/gate.ts';
import { countRows, postForm, postJson } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const DECLARATION = { names: ['明德'], orgs: ['party'], headcount: 1, behalf: 'self', consent: true };
const FORM = { names: '张三', orgs: ['party'], headcount: '1', behalf: 'self' };
const QUEUE_LIMIT = 2;

/**
 * Holds back every insert of a declaration until the gate opens: on SQLite the write lock (the writer
 * thread waits for it), on PostgreSQL a lock on the table that INSERT waits for.
 */
async function holdIntake(engine: TestEngine, db: DatabaseHandle['db'], gate: Gate): Promise<{ released: Promise<void> }> {
  let locked!: () => void;
  const taken = new Promise<void>((resolve) => (locked = resolve));
  gate.hold(true);
  const released = db.transaction().execute(async (trx) => {
    if (engine === 'postgres') await sql`lock table declarations in share row exclusive mode`.execute(trx);
    else await sql`update registration_serials set next_serial = next_serial where id = 1`.execute(trx);
    locked();
    await gate.pass();
  });
  await taken;
  return { released };
}

/** Turns of the event loop until `done` holds: the queued submissions reach the intake queue. */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !done(); turn++) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(done(), 'the submissions never reached the intake queue');
}

for (const engine of testEngines()) {
  describe(`a full intake queue (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine, { TUIDANG_INTAKE_QUEUE_LIMIT: String(QUEUE_LIMIT) })));
    after(() => ctx.close());

    test('refuses more with 503 and Retry-After, in the API’s shape and as a localized page, and takes the queued ones once the writer catches up', {
      timeout: 60_000,
    }, async () => {
      // Registration numbers reserved, so queued submissions wait for the writer alone.
      assert.equal((await postJson(ctx, '/api/v1/declarations', DECLARATION)).status, 201);
      const before = await countRows(ctx, 'declarations');
      const gate = new Gate();
      const other = createDatabase(ctx.config.databaseUrl);
      const { released } = await holdIntake(engine, other.db, gate);
      const queued = [postJson(ctx, '/api/v1/declarations', DECLARATION), postJson(ctx, '/api/v1/declarations', DECLARATION)];
      await until(() => ctx.services.declarations.intakeDepth() === QUEUE_LIMIT);

      const api = await postJson(ctx, '/api/v1/declarations', DECLARATION, { 'accept-language': 'en' });
      assert.equal(api.status, 503);
      assert.equal(api.headers.get('retry-after'), '5');
      assert.equal(api.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await api.json(), {
        error: { code: 'request.overloaded', message: errorMessage('en', 'request.overloaded'), fields: {} },
      });

      for (const locale of ['zh-hans', 'zh-hant', 'en'] as const) {
        const page = await postForm(ctx, `/${locale}/declare`, FORM);
        assert.equal(page.status, 503);
        assert.equal(page.headers.get('retry-after'), '5');
        assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
        const html = await page.text();
        assert.ok(html.includes(errorMessage(locale, 'request.overloaded')), `${locale} page says why`);
        assert.ok(html.includes(catalogFor(locale).errorPage.busyTitle));
      }
      const metrics = await ctx.services.metrics.registry.getSingleMetricAsString('tuidang_intake_refused_total');
      assert.match(metrics, /^tuidang_intake_refused_total 4$/m);

      await gate.release();
      await released;
      await other.close();
      for (const response of await Promise.all(queued)) assert.equal(response.status, 201);
      assert.equal(await countRows(ctx, 'declarations'), before + QUEUE_LIMIT, 'the refused ones wrote nothing');
      assert.equal(ctx.services.declarations.intakeDepth(), 0);
      assert.equal((await postJson(ctx, '/api/v1/declarations', DECLARATION)).status, 201, 'taken again once there is room');
    });
  });
}
