import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOCALES } from '../../src/i18n/index.ts';
import { centersRepository } from '../../src/repositories/centers-repository.ts';
import { testEngines } from '../helpers/databases.ts';
import { submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';

/** Headers that differ between any two responses, whichever path served them. */
const PER_RESPONSE = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);
/** The public reads that change at most once a second (issue 27), under each locale. */
const PAGES = ['/statistics', '/declarations', '/featured', '/feeds/latest.atom', '/feeds/featured.atom', '/centers'];

function comparable(response: Response) {
  return [...response.headers].filter(([name]) => !PER_RESPONSE.has(name)).sort(([a], [b]) => a.localeCompare(b));
}

for (const engine of testEngines()) {
  describe(`pages the same for every reader, answered prepared over real HTTP (${engine})`, () => {
    let ctx: TestContext;
    let server: { url: string; close(): Promise<void> };
    before(async () => {
      ctx = await createTestContext(engine);
      server = await ctx.listen();
      const receipt = await submitDeclaration(ctx, { names: ['王明华'], orgs: ['league'], title: '声明一' });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      const at = new Date();
      await centersRepository.insert(ctx.services.database.db, {
        name: '纽约退党服务中心',
        city: 'New York',
        country: '美国',
        hotlines: ['+1 (212) 555-0100'],
        fax: null,
        email: null,
        address: null,
        openingHours: null,
        languages: '中文、English',
        isPublic: true,
        at,
      });
    });
    after(async () => {
      await server.close();
      await ctx.close();
    });

    const fetchPath = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
    const preparedLines = () => ctx.logs.filter((line) => JSON.parse(line).route === 'prepared').length;

    test('statistics, the first pages, the feeds and the centers: the same bytes and headers as the app, in every language', async () => {
      for (const path of LOCALES.flatMap((locale) => PAGES.map((page) => `/${locale}${page}`))) {
        const first = await fetchPath(path); // through the app: reads the data and renders the page
        const before = preparedLines();
        const second = await fetchPath(path);
        assert.equal(preparedLines(), before + 1, `${path} was answered from its prepared response`);
        assert.equal(second.status, 200, path);
        assert.deepEqual(comparable(second), comparable(first), path);
        const body = await second.text();
        assert.equal(body, await first.text(), path);
        assert.equal(await (await ctx.app.request(path)).text(), body, `${path}: the app itself agrees`);
        assert.match(second.headers.get('content-security-policy') ?? '', /script-src 'none'/, path);
        assert.equal(second.headers.get('x-content-type-options'), 'nosniff', path);
        // The feeds are public reads that other origins may fetch; the pages stay to their own.
        assert.equal(second.headers.get('access-control-allow-origin'), path.includes('/feeds/') ? '*' : null, path);
        assert.match(second.headers.get('etag') ?? '', /^"[A-Za-z0-9_-]{22}"$/, path);
        const conditional = await fetchPath(path, { headers: { 'if-none-match': second.headers.get('etag')! } });
        assert.equal(conditional.status, 304, path);
      }
    });

    test('a range, a cursor or a query string goes through the app', async () => {
      await fetchPath('/en/statistics');
      const before = preparedLines();
      const ranged = await fetchPath('/en/statistics?from=2020-01-01&to=2020-01-31');
      assert.equal(ranged.status, 200);
      assert.equal((await fetchPath('/en/statistics?from=nonsense')).status, 422);
      assert.equal((await fetchPath('/en/declarations?cursor=MQ')).status, 200);
      assert.equal(preparedLines(), before, 'none of them was answered ahead of the app');
    });

    test('a publication shows on the first page and in the feed within a second', async () => {
      await fetchPath('/zh-hans/declarations');
      await fetchPath('/zh-hans/feeds/latest.atom');
      const receipt = await submitDeclaration(ctx, { names: ['李平安'], orgs: ['party'], title: '声明二' });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      ctx.clock.advance(1_100);
      assert.match(await (await fetchPath('/zh-hans/declarations')).text(), new RegExp(receipt.registrationNumber));
      assert.match(await (await fetchPath('/zh-hans/feeds/latest.atom')).text(), new RegExp(receipt.registrationNumber));
    });
  });
}
