import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KEPT_PAGES_DIR } from '../../src/db/kept-pages-file.ts';
import { addDays } from '../../src/domain/counter/counting-day.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { LOCALES } from '../../src/i18n/index.ts';
import { declarationsRepository } from '../../src/repositories/declarations/index.ts';
import { encodeCursor } from '../../src/services/archive-service.ts';
import { legacyPostLines } from '../../src/tools/seed/legacy-posts.ts';
import { numbersIn } from './archive/harness.ts';
import { testEngines } from '../helpers/databases.ts';
import { submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** Headers that differ between any two responses, whichever path served them. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive']);
const comparable = (response: Response) =>
  [...response.headers].filter(([name]) => !PER_RESPONSE.has(name)).sort(([a], [b]) => a.localeCompare(b));

const OVER = '2025-03-01';

for (const engine of testEngines()) {
  describe(`day pages kept rendered on disk (${engine})`, () => {
    let ctx: TestContext;
    let server: { url: string; close(): Promise<void> };
    let published: { registrationNumber: string; queryPassword: string }[];
    const db = () => ctx.services.database.db;
    const fetchPath = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
    const preparedLines = () => ctx.logs.filter((line) => JSON.parse(line).route === 'prepared').length;
    const kept = () => ctx.services.keptPages.size;
    /** Moves published declarations to a day, as another process (or SQL by hand) would: the trigger moves the version, nothing tells this one. */
    const moveTo = (numbers: string[], day: string) =>
      db().updateTable('declarations').set({ counted_day: day }).where('registration_number', 'in', numbers).execute();

    before(async () => {
      ctx = await createTestContext(engine, { TUIDANG_KEPT_PAGES: '50' });
      server = await ctx.listen();
      published = [];
      for (const title of ['声明一', '声明二', '声明三']) published.push(await submitDeclaration(ctx, { names: ['王明华'], title }));
      await ctx.services.moderation.approve(
        SYSTEM_ACTOR,
        published.map((p) => p.registrationNumber),
      );
      await moveTo(
        published.map((p) => p.registrationNumber),
        OVER,
      );
    });
    after(async () => {
      await server.close();
      await ctx.close();
    });

    test('a day that is over is rendered once, then answered ahead of the router with the same bytes and headers', async () => {
      assert.equal(kept(), 0);
      for (const locale of LOCALES) {
        const path = `/${locale}/days/${OVER}`;
        const first = await fetchPath(path);
        assert.equal(first.status, 200);
        assert.match(first.headers.get('etag') ?? '', /^"[\w-]{22}"$/);
        const lines = preparedLines();
        const second = await fetchPath(path);
        assert.equal(preparedLines(), lines + 1, `${path} was answered from the kept page`);
        assert.deepEqual(comparable(second), comparable(first), path);
        const body = await second.text();
        assert.equal(body, await first.text(), path);
        for (const p of published) assert.ok(body.includes(p.registrationNumber), path);
        assert.equal(await (await ctx.app.request(path)).text(), body, `${path}: the app agrees`);
        assert.equal(second.headers.get('cache-control'), 'public, max-age=30');
        assert.match(second.headers.get('content-security-policy') ?? '', /script-src 'none'/);

        const conditional = await fetchPath(path, { headers: { 'if-none-match': first.headers.get('etag')! } });
        assert.equal(conditional.status, 304);
        assert.equal(await conditional.text(), '');
      }
      assert.equal(kept(), LOCALES.length);
      assert.deepEqual(readdirSync(join(ctx.dir, KEPT_PAGES_DIR)), [], 'the file has no name: it goes with the process');
    });

    test("a day's later pages are rendered for each request: only first pages are kept", async () => {
      const ids = await db().selectFrom('declarations').select('id').orderBy('id', 'desc').execute();
      const before = kept();
      for (const cursor of [encodeCursor(ids[0]!.id), 'not-a-cursor']) {
        const page = await fetchPath(`/en/days/${OVER}?cursor=${cursor}`);
        assert.equal(page.status, 200);
        assert.equal(page.headers.get('etag'), null);
      }
      assert.equal(kept(), before);
    });

    test('today, yesterday, an empty day and a day that does not exist are rendered for each request', async () => {
      const today = ctx.services.archive.today();
      const yesterday = addDays(today, -1);
      const other = await submitDeclaration(ctx, { names: ['李四'] });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [other.registrationNumber]);
      const before = kept();
      for (const day of [today, yesterday]) {
        await moveTo([other.registrationNumber], day);
        ctx.clock.advance(1000);
        const page = await fetchPath(`/en/days/${day}`);
        assert.equal(page.status, 200);
        assert.ok((await page.text()).includes(other.registrationNumber), day);
        assert.equal(page.headers.get('etag'), null, day);
      }
      const empty = await fetchPath('/en/days/2024-12-25');
      assert.equal(empty.status, 200);
      assert.equal(empty.headers.get('etag'), null);
      for (const day of ['2025-02-30', '0000-00-00', '2025-3-1']) assert.equal((await fetchPath(`/en/days/${day}`)).status, 404, day);
      assert.equal(kept(), before);
    });

    test('a batch of the transparency log leaves kept day pages as they are; posts imported onto a kept day show within a second', async () => {
      const path = `/en/days/${OVER}`;
      const before = await (await fetchPath(path)).text();
      const versions = () => declarationsRepository.publicPagesVersion(db());
      const { rows, proofs } = await versions();
      await ctx.services.log.publish();
      assert.deepEqual(await versions(), { rows, proofs: proofs + 1 }, 'the batch moved the proofs’ version alone');
      ctx.clock.advance(1000);
      assert.equal(await (await fetchPath(path)).text(), before);
      const lines = preparedLines();
      assert.equal(await (await fetchPath(path)).text(), before);
      assert.equal(preparedLines(), lines + 1, 'answered from the kept page');

      const file = join(ctx.dir, 'posts.jsonl');
      writeFileSync(file, [...legacyPostLines({ posts: 3, firstId: 700_000, seed: 3, from: OVER, until: OVER, format: 'jsonl' })].join(''));
      const imported = await ctx.services.history.importPosts(file, 'posts.jsonl', { actor: 'test' });
      assert.ok(imported.ok && imported.report.written === 3);
      ctx.clock.advance(1000);
      const after = await (await fetchPath(path)).text();
      assert.equal(numbersIn(after).length, numbersIn(before).length + 3, 'the imported posts are on the page');
    });

    test('a change made here shows at once; one made elsewhere within the version’s second', async () => {
      const path = `/zh-hans/days/${OVER}`;
      await fetchPath(path);
      const [retracted, edited] = published as [(typeof published)[0], (typeof published)[0]];
      const result = await ctx.services.declarations.retract(retracted.registrationNumber, retracted.queryPassword);
      assert.equal(result.ok, true);
      const afterRetraction = await (await fetchPath(path)).text();
      assert.ok(!afterRetraction.includes(retracted.registrationNumber), 'the retraction shows at once');
      assert.ok(afterRetraction.includes(edited.registrationNumber));

      await db()
        .updateTable('declarations')
        .set({ title: '改过的标题' })
        .where('registration_number', '=', edited.registrationNumber)
        .execute();
      assert.ok(!(await (await fetchPath(path)).text()).includes('改过的标题'), 'kept until the version is read again');
      ctx.clock.advance(1000);
      const page = await (await fetchPath(path)).text();
      assert.ok(page.includes('改过的标题'), 'the edit shows once the version was read again');
      assert.equal(await (await fetchPath(path)).text(), page, 'and is kept again');
    });
  });
}

describe('kept pages switched off or failing', () => {
  test('TUIDANG_KEPT_PAGES=0 keeps nothing and makes no file', async () => {
    const ctx = await createTestContext('sqlite', { TUIDANG_KEPT_PAGES: '0' });
    try {
      const receipt = await submitDeclaration(ctx, {});
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      await ctx.services.database.db.updateTable('declarations').set({ counted_day: OVER }).execute();
      const page = await ctx.app.request(`/en/days/${OVER}`);
      assert.equal(page.status, 200);
      assert.ok((await page.text()).includes(receipt.registrationNumber));
      assert.equal(page.headers.get('etag'), null);
      assert.equal(existsSync(join(ctx.dir, KEPT_PAGES_DIR)), false);
    } finally {
      await ctx.close();
    }
  });

  test('a data dir where the file cannot be made: pages are rendered as before, and the failure is logged once', async () => {
    const ctx = await createTestContext('sqlite');
    try {
      writeFileSync(join(ctx.dir, KEPT_PAGES_DIR), 'not a folder');
      const receipt = await submitDeclaration(ctx, {});
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      await ctx.services.database.db.updateTable('declarations').set({ counted_day: OVER }).execute();
      for (let i = 0; i < 3; i++) {
        const page = await ctx.app.request(`/en/days/${OVER}`);
        assert.equal(page.status, 200);
        assert.ok((await page.text()).includes(receipt.registrationNumber));
      }
      assert.equal(ctx.logs.filter((line) => line.includes('the kept pages failed')).length, 1);
    } finally {
      await ctx.close();
    }
  });
});
