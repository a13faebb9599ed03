import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addDays } from '../../src/domain/counter/counting-day.ts';
import { postReadContext, readLegacyPost, type LegacyPost } from '../../src/domain/history/legacy-post.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { legacyNumber, legacyPostLines } from '../../src/tools/seed/legacy-posts.ts';
import { legacyTotalsCsv } from '../../src/tools/seed/legacy-totals.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { testEngines } from '../helpers/databases.ts';
import { postJson, submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const POSTS = 300;
const HOSTILE_EVERY = 100;

/** Every surface's total and parts, after the served snapshot's second has passed. */
async function surfaces(ctx: TestContext) {
  ctx.clock.advance(1100);
  const counter = (await (await ctx.app.request('/api/v1/counter')).json()) as { total: number; inRegistry: number; carriedOver: number };
  const xml = await (await ctx.app.request('/stat/statics')).text();
  const home = await (await ctx.app.request('/zh-hans/')).text();
  const snapshot = await ctx.services.counter.read();
  const daily = (await (await ctx.app.request(`/api/v1/stats/daily?from=${snapshot.firstDay}&to=${snapshot.day}`)).json()) as {
    days: { people: number; inRegistry: number; carriedOver: number }[];
  };
  const statistics = await (await ctx.app.request(`/en/statistics?from=${snapshot.firstDay}&to=${snapshot.day}`)).text();
  const sum = (key: 'people' | 'inRegistry' | 'carriedOver') => daily.days.reduce((total, day) => total + day[key], 0);
  return {
    counter: { total: counter.total, inRegistry: counter.inRegistry, carriedOver: counter.carriedOver },
    xml: Number(/<TOTAL>(\d+)</.exec(xml)![1]),
    home: Number(/data-total="(\d+)"/.exec(home)![1]),
    daily: { total: sum('people'), inRegistry: sum('inRegistry'), carriedOver: sum('carriedOver') },
    statistics,
  };
}

async function assertAgree(ctx: TestContext, expected: { inRegistry: number; carriedOver: number }) {
  const seen = await surfaces(ctx);
  const total = expected.inRegistry + expected.carriedOver;
  assert.deepEqual(seen.counter, { total, ...expected });
  assert.equal(seen.xml, total);
  assert.equal(seen.home, total);
  assert.deepEqual(seen.daily, { total, ...expected });
  for (const figure of [expected.inRegistry, expected.carriedOver]) {
    assert.ok(seen.statistics.includes(figure.toLocaleString('en')), `the statistics page shows ${figure}`);
  }
  return seen;
}

const peopleIn = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .reduce((sum, line) => sum + Number(line.split(',')[1]), 0);

/** A test registry with two statements of its own (6 people), and the exports written to its data dir. */
async function registry(engine: Parameters<typeof createTestContext>[0]) {
  const ctx = await createTestContext(engine);
  const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
  const today = (await ctx.services.counter.read()).day;
  const totals = join(ctx.dir, 'totals.csv');
  const csv = legacyTotalsCsv(addDays(today, -1));
  writeFileSync(totals, csv);
  const posts = join(ctx.dir, 'posts.jsonl');
  const lines = [
    ...legacyPostLines({
      posts: POSTS,
      from: addDays(today, -40),
      until: addDays(today, -1),
      format: 'jsonl',
      hostileEvery: HOSTILE_EVERY,
    }),
  ];
  writeFileSync(posts, lines.join(''));
  const context = postReadContext(ctx.config.timeZone, new Date());
  const valid: LegacyPost[] = [];
  // The ids of the refused lines that have one (a broken line has none to read).
  const refusedIds: number[] = [];
  for (const line of lines) {
    const fields = (() => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return null;
      }
    })();
    const read = fields ? readLegacyPost(fields, context) : null;
    if (read?.ok) valid.push(read.post);
    else if (fields) refusedIds.push(Number(fields.id));
  }
  const family = await submitDeclaration(ctx, { names: ['明德', '安宁'], headcount: 5, orgs: ['party'] });
  const single = await submitDeclaration(ctx, { names: '志远', orgs: ['league'] });
  await ctx.services.moderation.approve(SYSTEM_ACTOR, [family.registrationNumber, single.registrationNumber]);
  return {
    ctx,
    env,
    today,
    totals,
    posts,
    legacyPeople: peopleIn(csv),
    valid,
    refusedIds,
    refused: lines.length - valid.length,
    importedPeople: valid.reduce((sum, post) => sum + post.headcount, 0),
    ownPeople: 6,
    ownNumbers: [family.registrationNumber, single.registrationNumber],
  };
}

async function counts(ctx: TestContext) {
  const db = ctx.services.database.db;
  const count = async (table: 'declarations' | 'search_grams' | 'imported_days' | 'daily_breakdown') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    declarations: await count('declarations'),
    grams: await count('search_grams'),
    importedDays: await count('imported_days'),
    breakdown: await count('daily_breakdown'),
    counter: (await surfaces(ctx)).counter,
  };
}

for (const engine of testEngines()) {
  describe(`imported posts, totals first (${engine})`, () => {
    let r: Awaited<ReturnType<typeof registry>>;
    before(async () => {
      r = await registry(engine);
    });
    after(() => r.ctx.close());

    test('after a totals import and then a posts import, the total stays and every surface agrees', async () => {
      const totals = await runCliInProcess(['history', 'import-totals', r.totals], r.env);
      assert.equal(totals.code, 0, totals.stderr);
      await assertAgree(r.ctx, { inRegistry: r.ownPeople, carriedOver: r.legacyPeople });

      const posts = await runCliInProcess(['history', 'import-posts', r.posts], r.env);
      assert.equal(posts.code, 2, 'refused lines: exit 2');
      assert.match(
        posts.stdout,
        new RegExp(`${POSTS} line\\(s\\) read: ${r.valid.length} post\\(s\\) written, 0 held already, ${r.refused} refused`),
      );
      assert.match(posts.stderr, /line 100: names: .*<script>/);
      assert.match(posts.stderr, /line 200: title: .*direction/i);
      assert.match(posts.stderr, /line 300: not a post/);
      await assertAgree(r.ctx, { inRegistry: r.ownPeople + r.importedPeople, carriedOver: r.legacyPeople - r.importedPeople });
    });

    test('a re-import changes nothing', async () => {
      const before = await counts(r.ctx);
      const again = await runCliInProcess(['history', 'import-posts', r.posts], r.env);
      assert.match(again.stdout, new RegExp(`0 post\\(s\\) written, ${r.valid.length} held already`));
      assert.deepEqual(await counts(r.ctx), before);
      const reconcile = await runCliInProcess(['counter', 'reconcile'], r.env);
      assert.match(reconcile.stdout, /Counters agree with the statements/);
      assert.match(reconcile.stdout, /Carried over agrees with the legacy day totals/);
    });

    test('a rejected line writes nothing, and a whole file of them neither', async () => {
      const db = r.ctx.services.database.db;
      const held = await db.selectFrom('declarations').select('legacy_id').where('legacy_id', 'in', r.refusedIds).execute();
      assert.deepEqual(held, []);
      const before = await counts(r.ctx);
      const bad = join(r.ctx.dir, 'bad.csv');
      const number = r.valid[0]!.registrationNumber;
      writeFileSync(
        bad,
        'id,number,published,names,orgs,title\n' +
          `9000001,${number.slice(0, 15)}${(Number(number.at(-1)) + 1) % 10},2010-01-01 10:00:00,明德,party,x\n` +
          '9000002,1000000010005435,2010-01-01 10:00:00,"<img src=x onerror=alert(1)>",party,x\n' +
          '9000003,1000000010005435,2099-01-01 10:00:00,明德,league,x\n' +
          `9000004,1000000010005435,2010-01-01 10:00:00,明德,cult,"a\u202Eb"\n` +
          `${r.valid[1]!.legacyId},${legacyNumber(9_000_005, 0)},2010-01-01 10:00:00,明德,party,taken id\n`,
      );
      const result = await runCliInProcess(['history', 'import-posts', bad], r.env);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /line 2: number: not a registration number/);
      assert.match(result.stderr, /line 3: names: /);
      assert.match(result.stderr, /line 4: published: in the future/);
      assert.match(result.stderr, /line 5: orgs: .*; title: /);
      assert.match(result.stderr, /line 6: id: this legacy id is held by another post/);
      assert.match(result.stdout, /0 post\(s\) written, 0 held already, 5 refused/);
      assert.deepEqual(await counts(r.ctx), before);
    });

    test('an old post whose number was issued here is refused on its line; the statement registered here keeps it', async () => {
      const before = await counts(r.ctx);
      const [issued] = r.ownNumbers;
      const file = join(r.ctx.dir, 'collision.jsonl');
      const post = (id: number, number: string) =>
        `${JSON.stringify({ id, number, published: '2010-01-01 10:00:00', names: '明德', headcount: 1, orgs: ['party'], title: '撞号' })}\n`;
      writeFileSync(file, post(9_100_001, issued!) + post(9_100_002, legacyNumber(9_100_002, 0)));
      const result = await runCliInProcess(['history', 'import-posts', file], r.env);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /line 1: number: this registration number was issued by this registry/);
      assert.match(result.stdout, /2 line\(s\) read: 1 post\(s\) written, 0 held already, 1 refused/);
      const holders = await r.ctx.services.database.db
        .selectFrom('declarations')
        .select(['legacy_id', 'registration_serial'])
        .where('registration_number', '=', issued!)
        .execute();
      assert.equal(holders.length, 1, 'one statement holds the number');
      assert.equal(holders[0]!.legacy_id, null);
      assert.notEqual(holders[0]!.registration_serial, null);
      const after = await counts(r.ctx);
      assert.equal(after.declarations, before.declarations + 1, 'only the other post was written');
      // The receipt and the permalink still name the statement registered here.
      const page = await (await r.ctx.app.request(`/en/declarations/${issued}`)).text();
      assert.doesNotMatch(page, /撞号/);
    });

    test('a legacy receipt works with its old password, and only with it', async () => {
      const post = r.valid.find((candidate) => candidate.password !== null)!;
      const found = await postJson(r.ctx, '/api/v1/receipts/lookup', {
        registrationNumber: post.registrationNumber,
        queryPassword: post.password,
      });
      assert.equal(found.status, 200);
      const body = (await found.json()) as { status: string; registrationNumber: string };
      assert.equal(body.status, 'published');
      const wrong = await postJson(r.ctx, '/api/v1/receipts/lookup', {
        registrationNumber: post.registrationNumber,
        queryPassword: `${post.password}x`,
      });
      assert.equal(wrong.status, 404);
      const none = r.valid.find((candidate) => candidate.password === null)!;
      const noPassword = await postJson(r.ctx, '/api/v1/receipts/lookup', {
        registrationNumber: none.registrationNumber,
        queryPassword: '',
      });
      assert.notEqual(noPassword.status, 200);
    });

    test('imported posts reach the transparency log as statements held here, each with its proof', async () => {
      await r.ctx.services.log.publish();
      r.ctx.clock.advance(1100);
      const counter = (await (await r.ctx.app.request('/api/v1/counter')).json()) as { log: { size: number; pending: number } };
      assert.equal(counter.log.pending, 0);
      assert.ok(counter.log.size >= r.valid.length, 'a leaf for every imported post');
      const proof = await r.ctx.app.request(`/api/v1/declarations/${r.valid[0]!.registrationNumber}/proof`);
      assert.equal(proof.status, 200);
    });

    test('legacy links answer 301 to the permalink in the reader language; unknown ids a localized 404', async () => {
      const post = r.valid[0]!;
      for (const [language, locale] of [
        ['zh-TW,zh;q=0.8', 'zh-hant'],
        ['en-GB', 'en'],
        ['zh-CN', 'zh-hans'],
      ] as const) {
        const response = await r.ctx.app.request(`/index/showpost/id/${post.legacyId}`, { headers: { 'accept-language': language } });
        assert.equal(response.status, 301, language);
        assert.equal(response.headers.get('location'), `/${locale}/declarations/${post.registrationNumber}`);
        assert.match(response.headers.get('vary') ?? '', /accept-language/i);
      }
      const page = await r.ctx.app.request(`/en/declarations/${post.registrationNumber}`);
      assert.equal(page.status, 200);
      for (const id of [String(r.refusedIds[0]), '99999999', '0', 'abc']) {
        const missing = await r.ctx.app.request(`/index/showpost/id/${id}`, { headers: { 'accept-language': 'zh-TW' } });
        assert.equal(missing.status, 404, id);
        assert.match(await missing.text(), /這個地址不存在/, id);
      }
    });

    test('imported posts appear in the archive, search, day pages and feeds with their original dates', async () => {
      // The newest with a title: first among the matches of its title, newest first.
      const post = r.valid.findLast((candidate) => candidate.title !== null)!;
      const day = await (await r.ctx.app.request(`/zh-hans/days/${post.countedDay}`)).text();
      const link = (item: LegacyPost) => `declarations/${item.registrationNumber}`;
      assert.ok(day.includes(link(post)), 'the day page lists it');
      const search = await (await r.ctx.app.request(`/zh-hans/search?q=${encodeURIComponent(post.title!)}&field=title`)).text();
      assert.ok(search.includes(link(post)), 'search finds it by title');
      const feed = await (await r.ctx.app.request('/zh-hans/feeds/latest.atom')).text();
      const last = r.valid.at(-1)!;
      assert.ok(feed.includes(last.registrationNumber), 'the feed carries the newest imported post');
      assert.ok(feed.includes(last.publishedAt.toISOString().slice(0, 19)), 'with its original time');
      const featured = r.valid.filter((candidate) => candidate.featured);
      const selection = await (await r.ctx.app.request('/zh-hans/featured')).text();
      assert.ok(featured.length > 0);
      for (const item of featured) assert.ok(selection.includes(link(item)), 'featured posts are in the selection');
    });

    test('the latest come by publication time, not by id: the statements registered here before the older imported posts', async () => {
      const seen: { number: string; at: string }[] = [];
      let cursor: string | null = null;
      do {
        const response = await r.ctx.app.request(`/api/v1/declarations${cursor ? `?cursor=${cursor}` : ''}`);
        const body = (await response.json()) as { items: { registrationNumber: string; publishedAt: string }[]; next: string | null };
        seen.push(...body.items.map((item) => ({ number: item.registrationNumber, at: item.publishedAt })));
        cursor = body.next;
      } while (cursor !== null);
      // Registered here today, inserted before the import, yet the newest.
      assert.deepEqual(
        seen
          .slice(0, 2)
          .map((item) => item.number)
          .sort(),
        [...r.ownNumbers].sort(),
      );
      for (let at = 1; at < seen.length; at++) assert.ok(seen[at - 1]!.at >= seen[at]!.at, `${seen[at - 1]!.at} before ${seen[at]!.at}`);
      assert.equal(new Set(seen.map((item) => item.number)).size, seen.length, 'no post twice across the pages');
      const published = await r.ctx.services.database.db
        .selectFrom('declarations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow();
      assert.equal(seen.length, Number(published.n), 'every published post once');
      // The page and the feed read the same order.
      const newestImported = r.valid.at(-1)!.registrationNumber;
      for (const path of ['/en/declarations', '/en/feeds/latest.atom']) {
        const text = await (await r.ctx.app.request(path)).text();
        const own = Math.min(...r.ownNumbers.map((number) => text.indexOf(number)));
        assert.ok(own >= 0 && own < text.indexOf(newestImported), `${path}: the statements registered here first`);
      }
    });

    test('it writes into a running registry: submissions go through between its batches', async () => {
      const file = join(r.ctx.dir, 'more.jsonl');
      const lines = legacyPostLines({
        posts: 400,
        firstId: 500_000,
        seed: 7,
        from: addDays(r.today, -10),
        until: addDays(r.today, -1),
        format: 'jsonl',
      });
      writeFileSync(file, [...lines].join(''));
      let done = false;
      const importing = runCliInProcess(['history', 'import-posts', file, '--batch', '20'], r.env).finally(() => {
        done = true;
      });
      let submitted = 0;
      while (!done) {
        await submitDeclaration(r.ctx, { names: '志远', orgs: ['league'] });
        submitted++;
      }
      const result = await importing;
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /400 post\(s\) written/);
      assert.ok(submitted >= 2, `submissions went on while it ran (${submitted})`);
      const reconcile = await runCliInProcess(['counter', 'reconcile'], r.env);
      assert.match(reconcile.stdout, /Counters agree with the statements/);
      assert.match(reconcile.stdout, /Carried over agrees with the legacy day totals/);
    });
  });

  describe(`imported posts, posts first and interrupted (${engine})`, () => {
    let r: Awaited<ReturnType<typeof registry>>;
    before(async () => {
      r = await registry(engine);
    });
    after(() => r.ctx.close());

    test('an interrupted import goes on where it stopped, and ends with every post once', async () => {
      const stop = new AbortController();
      const first = await r.ctx.services.history.importPosts(r.posts, 'posts.jsonl', {
        actor: 'test',
        batchLines: 40,
        // Read on the worker thread, as a large export is: stopped, it goes on the same.
        threadFromBytes: 0,
        signal: stop.signal,
        onProgress: () => stop.abort(),
      });
      assert.ok(first.ok);
      assert.equal(first.report.finished, false);
      assert.equal(first.report.lines, 40);
      const held = async () =>
        Number(
          (
            await r.ctx.services.database.db
              .selectFrom('declarations')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('admission', '=', 'imported')
              .executeTakeFirstOrThrow()
          ).n,
        );
      assert.equal(await held(), 40);
      await assertAgree(r.ctx, {
        inRegistry: r.ownPeople + r.valid.slice(0, 40).reduce((sum, post) => sum + post.headcount, 0),
        carriedOver: 0,
      });

      const rest = await runCliInProcess(['history', 'import-posts', r.posts], r.env);
      assert.match(rest.stdout, /Went on from line 41/);
      assert.match(
        rest.stdout,
        new RegExp(`${POSTS} line\\(s\\) read: ${r.valid.length} post\\(s\\) written, 0 held already, ${r.refused} refused`),
      );
      assert.equal(await held(), r.valid.length);
      const numbers = await r.ctx.services.database.db
        .selectFrom('declarations')
        .select(['registration_number', 'legacy_id', 'published_at'])
        .where('admission', '=', 'imported')
        .orderBy('legacy_id')
        .execute();
      assert.deepEqual(
        numbers.map((row) => [row.registration_number, Number(row.legacy_id)]),
        r.valid.map((post) => [post.registrationNumber, post.legacyId]),
      );
      await assertAgree(r.ctx, { inRegistry: r.ownPeople + r.importedPeople, carriedOver: 0 });
    });

    test('the totals imported after the posts carry the rest: the same total as the other order', async () => {
      const totals = await runCliInProcess(['history', 'import-totals', r.totals], r.env);
      assert.equal(totals.code, 0, totals.stderr);
      await assertAgree(r.ctx, { inRegistry: r.ownPeople + r.importedPeople, carriedOver: r.legacyPeople - r.importedPeople });
      const reconcile = await runCliInProcess(['counter', 'reconcile'], r.env);
      assert.match(reconcile.stdout, /Counters agree with the statements/);
      assert.match(reconcile.stdout, /Carried over agrees with the legacy day totals/);
    });
  });
}
