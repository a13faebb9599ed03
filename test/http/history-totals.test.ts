import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addDays } from '../../src/domain/counter/counting-day.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { legacyTotalsCsv } from '../../src/tools/seed/legacy-totals.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { testEngines } from '../helpers/databases.ts';
import { submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

interface CounterBody {
  total: number;
  lastUpdate: string | null;
  inRegistry: number;
  carriedOver: number;
  today: number;
  yesterday: number;
  thisMonth: number;
  log: { size: number; root: string; pending: number };
}

/** Every surface's view of the total, after the served snapshot's second has passed. */
async function surfaces(ctx: TestContext) {
  ctx.clock.advance(1100);
  const counter = (await (await ctx.app.request('/api/v1/counter')).json()) as CounterBody;
  const xml = await (await ctx.app.request('/stat/statics')).text();
  const home = await (await ctx.app.request('/zh-hans/')).text();
  const snapshot = await ctx.services.counter.read();
  const daily = (await (await ctx.app.request(`/api/v1/stats/daily?from=${snapshot.firstDay}&to=${snapshot.day}`)).json()) as {
    days: { people: number; inRegistry: number; carriedOver: number }[];
  };
  const sum = (key: 'people' | 'inRegistry' | 'carriedOver') => daily.days.reduce((total, day) => total + day[key], 0);
  return {
    counter,
    xmlTotal: Number(/<TOTAL>(\d+)</.exec(xml)![1]),
    homeTotal: Number(/data-total="(\d+)"/.exec(home)![1]),
    home,
    daily: { people: sum('people'), inRegistry: sum('inRegistry'), carriedOver: sum('carriedOver') },
    milestones: snapshot.milestones,
  };
}

async function assertAgree(ctx: TestContext, carriedOver: number, inRegistry: number) {
  const seen = await surfaces(ctx);
  const total = carriedOver + inRegistry;
  assert.equal(seen.counter.carriedOver, carriedOver);
  assert.equal(seen.counter.inRegistry, inRegistry);
  assert.equal(seen.counter.total, total);
  assert.equal(seen.xmlTotal, total);
  assert.equal(seen.homeTotal, total);
  assert.deepEqual(seen.daily, { people: total, inRegistry, carriedOver });
  return seen;
}

const peopleIn = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .reduce((sum, line) => sum + Number(line.split(',')[1]), 0);

async function rowCounts(ctx: TestContext) {
  const db = ctx.services.database.db;
  const count = async (table: 'legacy_days' | 'audit_log') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const totals = await db.selectFrom('carried_totals').selectAll().executeTakeFirstOrThrow();
  return { days: await count('legacy_days'), audit: await count('audit_log'), carried: Number(totals.people) };
}

for (const engine of testEngines()) {
  describe(`carried-over day totals (${engine})`, () => {
    let ctx: TestContext;
    let env: Record<string, string>;
    let csv: string;
    let file: string;
    let today: string;
    const inRegistry = 6;

    before(async () => {
      ctx = await createTestContext(engine);
      env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
      today = (await ctx.services.counter.read()).day;
      file = join(ctx.dir, 'legacy.csv');
      const written = await runCliInProcess(['seed', '--legacy-totals', file], env);
      assert.equal(written.code, 0, written.stderr);
      assert.match(written.stdout, new RegExp(`Wrote \\d+ days of legacy totals, 2004-12-03 to ${addDays(today, -1)}`));
      csv = readFileSync(file, 'utf8');
      assert.equal(csv, legacyTotalsCsv(addDays(today, -1)), 'the command writes what the generator makes');
      const again = await runCliInProcess(['seed', '--legacy-totals', file], env);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /it exists already/);
      const family = await submitDeclaration(ctx, { names: ['明德', '安宁'], headcount: 5, orgs: ['party'] });
      const single = await submitDeclaration(ctx, { names: '志远', orgs: ['league'] });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [family.registrationNumber, single.registrationNumber]);
    });
    after(() => ctx.close());

    test('a dry run reports what would change and writes nothing', async () => {
      const before = await rowCounts(ctx);
      const result = await runCliInProcess(['history', 'import-totals', file, '--dry-run'], env);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /\d+ day\(s\) read: \d+ would be added, 0 would be replaced/);
      assert.match(result.stdout, /Dry run: nothing was written/);
      assert.deepEqual(await rowCounts(ctx), before);
      await assertAgree(ctx, 0, inRegistry);
    });

    test('after an import, the counter and every surface agree, milestones on their published days', async () => {
      const result = await runCliInProcess(['history', 'import-totals', file], env);
      assert.equal(result.code, 0, result.stderr);
      const carried = peopleIn(csv);
      assert.ok(carried > 460_000_000, `about 467 million carried over, not ${carried}`);
      const seen = await assertAgree(ctx, carried, inRegistry);
      assert.deepEqual(
        seen.milestones.map((milestone) => milestone.day),
        ['2012-04-16', '2016-08-22', '2020-12-14', '2022-08-03'],
      );
      assert.match(seen.home, /2022年8月3日（北京时间） 达到 4亿/);
      assert.equal(seen.counter.yesterday, Number(csv.trim().split('\n').at(-1)!.split(',')[1]));
      assert.equal(seen.counter.today, inRegistry);
    });

    test('a re-import changes nothing', async () => {
      const before = await rowCounts(ctx);
      const counter = (await surfaces(ctx)).counter;
      const result = await runCliInProcess(['history', 'import-totals', file], env);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /0 were added, 0 were replaced, \d+ already as in the file/);
      assert.deepEqual(await rowCounts(ctx), before);
      assert.deepEqual((await surfaces(ctx)).counter, counter);
    });

    test('a changed day is replaced and the replacement audited; the total moves by the difference', async () => {
      const changed = 'date,people,party,source\n2010-05-04,1000,400,corrected from the archived page\n';
      const old = Number(
        csv
          .split('\n')
          .find((line) => line.startsWith('2010-05-04'))!
          .split(',')[1],
      );
      const result = await ctx.services.history.importTotals(new TextEncoder().encode(changed), { dryRun: false, actor: 'test' });
      assert.ok(result.ok);
      assert.deepEqual([result.report.added, result.report.replaced, result.report.unchanged], [0, 1, 0]);
      const audit = await ctx.services.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'history.dayReplaced')
        .executeTakeFirstOrThrow();
      assert.equal(audit.target_id, '2010-05-04');
      const details = (typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details) as Record<string, { people: number }>;
      assert.deepEqual([details.before!.people, details.after!.people], [old, 1000]);
      await assertAgree(ctx, peopleIn(csv) - old + 1000, inRegistry);
    });

    test('a bad file writes nothing and says what is wrong, line by line', async () => {
      const before = await rowCounts(ctx);
      const bad = join(ctx.dir, 'bad.csv');
      writeFileSync(bad, 'date,people,source\n2011-01-01,5,fine\n2011-02-30,5,\n2011-03-01,-2,\n2011-03-02,3,"a\u202Eb"\n2011-01-01,9,\n');
      const result = await runCliInProcess(['history', 'import-totals', bad], env);
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /line 3, date: not a real date/);
      assert.match(result.stderr, /line 4, people: not a whole number/);
      assert.match(result.stderr, /line 5, source: contains control or direction characters/);
      assert.match(result.stderr, /line 6, date: the same day is on line 2/);
      assert.match(result.stderr, /Nothing was imported/);
      assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/, 'no stack trace');
      for (const [name, bytes] of [
        ['empty.csv', new Uint8Array()],
        ['latin1.csv', new Uint8Array([...new TextEncoder().encode('date,people\n2011-01-01,'), 0xff, 0x0a])],
        ['future.csv', new TextEncoder().encode(`date,people\n${addDays(today, 1)},5\n`)],
      ] as const) {
        writeFileSync(join(ctx.dir, name), bytes);
        const refused = await runCliInProcess(['history', 'import-totals', join(ctx.dir, name)], env);
        assert.equal(refused.code, 1, name);
        assert.match(refused.stderr, /Nothing was imported/, name);
      }
      assert.deepEqual(await rowCounts(ctx), before);
    });

    test('reconcile checks both parts, and the imported people per day against the imported statements', async () => {
      const clean = await runCliInProcess(['counter', 'reconcile'], env);
      assert.equal(clean.code, 0, clean.stderr);
      assert.match(clean.stdout, /Counters agree with the statements: 6 people/);
      assert.match(clean.stdout, /Carried over agrees with the legacy day totals/);
      const truth = (await surfaces(ctx)).counter;

      const db = ctx.services.database.db;
      await db.updateTable('legacy_days').set({ carried_people: 1 }).where('day', '=', '2015-06-01').execute();
      await db
        .updateTable('carried_totals')
        .set((eb) => ({ people: eb('people', '+', 77) }))
        .execute();
      const repaired = await runCliInProcess(['counter', 'reconcile'], env);
      assert.match(repaired.stdout, /Counters agree with the statements/);
      assert.match(repaired.stdout, new RegExp(`Carried over repaired: stored ${truth.carriedOver + 77}, recomputed ${truth.carriedOver}`));
      assert.match(repaired.stdout, /2015-06-01/);
      // The repair is an update: only the time of the last one moves, and the repaired day waits for
      // the transparency log (its figure is logged again if it differs from the log's).
      const pendingAfter = (pending: number) => ({ ...truth, lastUpdate: null, log: { ...truth.log, pending } });
      assert.deepEqual({ ...(await surfaces(ctx)).counter, lastUpdate: null }, pendingAfter(truth.log.pending + 1));

      // imported_days follows the imported statements (part B): figures no statement backs are repaired away.
      await db.insertInto('imported_days').values({ day: '2015-06-01', people: 10, party: 0, league: 0, pioneers: 0 }).execute();
      await db.updateTable('legacy_days').set({ carried_people: 1 }).where('day', '=', '2015-06-01').execute();
      const rebuilt = await runCliInProcess(['counter', 'reconcile'], env);
      assert.match(rebuilt.stdout, /Imported people differed on: 2015-06-01/);
      assert.deepEqual({ ...(await surfaces(ctx)).counter, lastUpdate: null }, pendingAfter(truth.log.pending + 2));
    });
  });
}

describe('the statistics and method pages show both parts', () => {
  test('by day and by year, with what can be checked about each, in every language', async () => {
    const ctx = await createTestContext();
    try {
      const today = (await ctx.services.counter.read()).day;
      const lines = ['date,people,posts', `${addDays(today, -400)},1200,90`, `${addDays(today, -2)},3400,200`];
      const result = await ctx.services.history.importTotals(new TextEncoder().encode(`${lines.join('\n')}\n`), {
        dryRun: false,
        actor: 'test',
      });
      assert.ok(result.ok);
      ctx.clock.advance(1100);
      const week = await (await ctx.app.request(`/en/statistics?from=${addDays(today, -6)}&to=${today}`)).text();
      assert.match(week, /People per day, in two parts/);
      assert.match(week, /carried over from the daily totals the previous Tuidang site published/);
      assert.match(week, /<td>0<\/td><td>3,400<\/td><td>3,400<\/td>/);
      const all = await (await ctx.app.request('/zh-hant/statistics?from=2004-12-01')).text();
      assert.match(all, /每年的人數（分兩部分）/);
      assert.match(all, /從原退黨網站轉入/);
      for (const [locale, words] of [
        ['zh-hans', /只能核对它与原网站公布的数字是否一致/],
        ['zh-hant', /只能核對它與原網站公佈的數字是否一致/],
        ['en', /can only be checked against the figures the previous site published/],
      ] as const) {
        const method = await (await ctx.app.request(`/${locale}/statistics/method`)).text();
        assert.match(method, words, locale);
        assert.match(method, /id="parts-years"/, locale);
      }
      const early = await ctx.app.request('/api/v1/stats/daily?from=2004-11-30', { headers: { 'accept-language': 'en' } });
      assert.equal(early.status, 422);
      assert.match(await early.text(), /2004-12-01/);
      const whole = await ctx.app.request(`/api/v1/stats/daily?from=2004-12-01&to=${today}`);
      assert.equal(whole.status, 200);
    } finally {
      await ctx.close();
    }
  });
});
