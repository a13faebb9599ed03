import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { declarationsRepository } from '../../src/repositories/declarations/index.ts';
import { testEngines } from '../helpers/databases.ts';
import { postJson, submitDeclaration } from '../helpers/requests.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';

async function counter(ctx: TestContext) {
  // The served counter may be a second old: move past that instead of waiting it out.
  ctx.clock.advance(1100);
  return (await ctx.app.request('/api/v1/counter')).json();
}

for (const engine of testEngines()) {
  describe(`counting (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('only published declarations count, by people and by organisation; retraction takes them off', async () => {
      const family = await submitDeclaration(ctx, {
        names: ['明德', '安宁'],
        headcount: 5,
        orgs: ['party', 'pioneers'],
        region: '辽宁大连',
      });
      const single = await submitDeclaration(ctx, { names: '志远', orgs: ['league'] });
      const rejected = await submitDeclaration(ctx, { names: '长青', orgs: ['league'] });
      await submitDeclaration(ctx, { names: '春华', orgs: ['party'] });
      const empty = await counter(ctx);
      assert.equal(empty.total, 0, 'pending declarations do not count');

      await ctx.services.moderation.approve(SYSTEM_ACTOR, [family.registrationNumber, single.registrationNumber]);
      await ctx.services.moderation.reject(SYSTEM_ACTOR, [rejected.registrationNumber], 'duplicate');
      const after = await counter(ctx);
      assert.equal(after.total, 6);
      assert.equal(after.today, 6);
      assert.equal(after.thisWeek, 6);
      assert.equal(after.thisMonth, 6);
      assert.equal(after.yesterday, 0);
      assert.deepEqual(after.organizations, { party: 5, league: 1, pioneers: 5 });

      await postJson(ctx, '/api/v1/receipts/retract', family);
      const retracted = await counter(ctx);
      assert.equal(retracted.total, 1);
      assert.deepEqual(retracted.organizations, { party: 0, league: 1, pioneers: 0 });

      const regions = await ctx.services.counter.breakdown('region', '2000-01-01', '2100-01-01');
      assert.deepEqual(
        regions.find((row) => row.key === '辽宁'),
        { key: '辽宁', declarations: 0, people: 0 },
      );
    });

    test('a duplicate is never counted', async () => {
      const before = (await counter(ctx)).total;
      const original = await submitDeclaration(ctx, { names: '明德' });
      const copy = await submitDeclaration(ctx, { names: '明德' });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [original.registrationNumber]);
      const at = new Date().toISOString();
      const staffId = (
        await ctx.services.database.db
          .insertInto('staff')
          .values({
            email: 'ed@example.org',
            name: 'Ed',
            role: 'editor',
            center_id: null,
            trusted: 0,
            active: 1,
            failed_attempts: 0,
            created_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const actor = { id: staffId, email: 'ed@example.org', name: 'Ed', role: 'editor' as const, centerId: null, trusted: false };
      const marked = await ctx.services.moderation.markDuplicate(actor, copy.registrationNumber, original.registrationNumber);
      assert.ok(marked.ok);
      assert.equal((await counter(ctx)).total, before + 1);
    });

    test('a publication counts on its day in the counting time zone, across daylight saving', async () => {
      const receipt = await submitDeclaration(ctx, { names: '秋实', headcount: 3 });
      const row = await ctx.services.database.db
        .selectFrom('declarations')
        .select('id')
        .where('registration_number', '=', receipt.registrationNumber)
        .executeTakeFirstOrThrow();
      await ctx.services.database.db.transaction().execute((trx) =>
        declarationsRepository.changeStatus(trx, {
          id: row.id,
          from: ['pending'],
          to: 'published',
          // 23:30 in New York on the day the clocks went forward, already 2026-03-09 in UTC.
          at: new Date('2026-03-09T03:30:00Z'),
          timeZone: 'America/New_York',
        }),
      );
      const days = await ctx.services.counter.days('2026-03-08', '2026-03-09');
      assert.deepEqual(
        days.map((day) => [day.day, day.people]),
        [['2026-03-08', 3]],
      );
    });

    test('the counter JSON and the legacy XML have the documented shapes, with ETags', async () => {
      const json = await ctx.app.request('/api/v1/counter');
      assert.equal(json.status, 200);
      assert.match(json.headers.get('cache-control')!, /^public, max-age=1, stale-while-revalidate=30$/);
      const body = await json.json();
      assert.deepEqual(Object.keys(body), [
        'total',
        'inRegistry',
        'carriedOver',
        'today',
        'yesterday',
        'thisWeek',
        'thisMonth',
        'lastUpdate',
        'organizations',
        'timeZone',
        'log',
      ]);
      assert.deepEqual(Object.keys(body.organizations), ['party', 'league', 'pioneers']);
      assert.equal(body.timeZone, 'Asia/Shanghai');
      assert.ok(!Number.isNaN(Date.parse(body.lastUpdate)));
      const etag = json.headers.get('etag')!;
      assert.equal((await ctx.app.request('/api/v1/counter', { headers: { 'if-none-match': etag } })).status, 304);

      const xml = await ctx.app.request('/stat/statics');
      assert.equal(xml.status, 200);
      assert.match(xml.headers.get('content-type')!, /^application\/xml/);
      const text = await xml.text();
      assert.match(
        text,
        /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<STATICS><TOTAL>\d+<\/TOTAL><TODAY>\d+<\/TODAY><YESTERDAY>\d+<\/YESTERDAY><THISWEEK>\d+<\/THISWEEK><THISMONTH>\d+<\/THISMONTH><LASTUPDATE>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d<\/LASTUPDATE><\/STATICS>\n$/,
      );
      assert.equal(/<TOTAL>(\d+)</.exec(text)![1], String(body.total));
    });

    test('reconciliation repairs injected drift and records it', async () => {
      const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
      const clean = await runCliInProcess(['counter', 'reconcile'], env);
      assert.equal(clean.code, 0, clean.stderr);
      assert.match(clean.stdout, /Counters agree with the statements/);

      const truth = (await counter(ctx)).total;
      const db = ctx.services.database.db;
      await db
        .updateTable('counter_totals')
        .set((eb) => ({ people: eb('people', '+', 1000) }))
        .execute();
      await db
        .insertInto('daily_totals')
        .values({ day: '2001-01-01', declarations: 1, people: 7, party: 7, league: 0, pioneers: 0 })
        .execute();
      await db.updateTable('daily_breakdown').set({ people: 12345 }).where('dimension', '=', 'channel').execute();
      assert.equal((await counter(ctx)).total, truth + 1000);

      const repaired = await runCliInProcess(['counter', 'reconcile'], env);
      assert.equal(repaired.code, 0, repaired.stderr);
      assert.match(repaired.stdout, new RegExp(`Drift repaired: stored total ${truth + 1000}, recomputed ${truth}`));
      assert.match(repaired.stdout, /2001-01-01/);
      assert.equal((await counter(ctx)).total, truth);
      const actions = await db.selectFrom('audit_log').select('action').where('target_type', '=', 'counts').orderBy('id').execute();
      assert.deepEqual(
        actions.map((a) => a.action),
        ['counts.verified', 'counts.repaired'],
      );
    });
  });
}

describe('the home page counter', () => {
  test('shows the total truncated in Chinese, the next milestone and past ones', async () => {
    const ctx = await createTestContext();
    try {
      const db = ctx.services.database.db;
      await db
        .insertInto('daily_totals')
        .values({ day: '2010-05-01', declarations: 10, people: 150_000_000, party: 0, league: 0, pioneers: 0 })
        .execute();
      await db
        .insertInto('daily_totals')
        .values({ day: '2020-05-01', declarations: 10, people: 316_789_123, party: 0, league: 0, pioneers: 0 })
        .execute();
      await db.updateTable('counter_totals').set({ people: 466_789_123, declarations: 20 }).execute();
      const hans = await (await ctx.app.request('/zh-hans/')).text();
      assert.match(hans, /<span id="counter-total" data-total="466789123">4\.66亿<\/span>/);
      // Round figures without empty decimals (issue 26): 5亿, not 5.00亿.
      assert.match(hans, /下一个里程碑：5亿/);
      assert.match(hans, /2020年5月1日（北京时间） 达到 4亿/);
      assert.match(hans, /2010年5月1日（北京时间） 达到 1亿/);
      const hant = await (await ctx.app.request('/zh-hant/')).text();
      assert.match(hant, />4\.66億</);
      const en = await (await ctx.app.request('/en/')).text();
      // English says the exact figure once (issue 26), not a short form beside it.
      assert.match(en, /<span id="counter-total" data-total="466789123">466,789,123<\/span><span class="hint"> people<\/span>/);
      assert.doesNotMatch(en, /466\.78 million/);
      assert.ok(Buffer.byteLength(hans) < 30 * 1024);
    } finally {
      await ctx.close();
    }
  });
});
