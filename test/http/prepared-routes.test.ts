import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOCALES } from '../../src/i18n/index.ts';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';

/** Headers that differ between any two responses, whichever path served them. */
const PER_RESPONSE = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);

function comparable(response: Response) {
  return [...response.headers].filter(([name]) => !PER_RESPONSE.has(name)).sort(([a], [b]) => a.localeCompare(b));
}

for (const engine of testEngines()) {
  describe(`the hottest pages answered ahead of the router, over real HTTP (${engine})`, () => {
    let ctx: TestContext;
    let server: { url: string; close(): Promise<void> };
    let editor: StaffClient;
    let number: string;
    before(async () => {
      ctx = await createTestContext(engine);
      server = await ctx.listen();
      editor = await signInAs(ctx, 'editor');
      const receipt = await submitDeclaration(ctx, {
        names: ['王明华'],
        orgs: ['league'],
        title: '声明一',
        statement: '我的电话是 13800000000',
      });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      number = receipt.registrationNumber;
    });
    after(async () => {
      await server.close();
      await ctx.close();
    });

    const fetchPath = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
    const preparedLines = () => ctx.logs.filter((line) => JSON.parse(line).route === 'prepared').length;

    async function twice(path: string) {
      const first = await fetchPath(path); // through the app: renders and keeps the page
      const before = preparedLines();
      const second = await fetchPath(path);
      assert.equal(preparedLines(), before + 1, `${path} was answered from its prepared response`);
      return { first, second };
    }

    test('counter, legacy counter, home in every language and permalinks: the same bytes and headers as the app', async () => {
      const paths = ['/api/v1/counter', '/stat/statics', ...LOCALES.flatMap((l) => [`/${l}/`, `/${l}`, `/${l}/declarations/${number}`])];
      for (const path of paths) {
        const { first, second } = await twice(path);
        assert.equal(second.status, 200, path);
        assert.deepEqual(comparable(second), comparable(first), path);
        assert.equal(await second.text(), await first.text(), path);
        const viaApp = await ctx.app.request(path);
        assert.equal(await viaApp.text(), await (await fetchPath(path)).text(), `${path}: the app itself agrees`);
        const api = path.startsWith('/api/') || path.startsWith('/stat/');
        assert.match(
          second.headers.get('content-security-policy') ?? '',
          api ? /^default-src 'none'; frame-ancestors 'none'$/ : /script-src 'none'/,
          path,
        );
        assert.equal(second.headers.get('x-frame-options'), 'DENY');
        assert.equal(second.headers.get('x-content-type-options'), 'nosniff');
        // Widgets on other sites read the counters; pages stay to their own origin.
        assert.equal(second.headers.get('access-control-allow-origin'), api ? '*' : null, path);
        assert.equal(second.headers.get('cross-origin-resource-policy'), api ? 'cross-origin' : 'same-origin', path);
      }
    });

    test('a conditional request gets 304 without a body', async () => {
      const { second } = await twice('/api/v1/counter');
      const etag = second.headers.get('etag')!;
      const before = preparedLines();
      const conditional = await fetchPath('/api/v1/counter', { headers: { 'if-none-match': etag } });
      assert.equal(conditional.status, 304);
      assert.equal(await conditional.text(), '');
      assert.equal(conditional.headers.get('etag'), etag);
      assert.equal(conditional.headers.get('access-control-allow-origin'), '*');
      assert.equal(preparedLines(), before + 1);
    });

    test('HEAD, query strings and other spellings go through the app and still work', async () => {
      await twice(`/en/declarations/${number}`);
      const before = preparedLines();
      const head = await fetchPath(`/en/declarations/${number}`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      const spaced = await fetchPath(`/en/declarations/${number.replace(/(\d{4})(?=\d)/g, '$1-')}`);
      assert.equal(spaced.status, 200);
      assert.match(await spaced.text(), /13800000000/);
      const query = await fetchPath('/api/v1/counter?pretty=1');
      assert.equal(query.status, 200);
      assert.equal(preparedLines(), before, 'none of them was answered ahead of the app');
    });

    test('a redaction or a retraction shows at once, not after the page is due', async () => {
      const path = `/zh-hans/declarations/${number}`;
      await twice(path);
      const redacted = await editor.post(`/console/moderation/${number}/redact`, { title: '声明一', statement: '我的电话是 [已删除]' });
      assert.equal(redacted.status, 303);
      assert.doesNotMatch(await (await fetchPath(path)).text(), /13800000000/);

      const receipt = await submitDeclaration(ctx, { names: ['李平安'], orgs: ['party'], title: '声明二' });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      const retracted = `/en/declarations/${receipt.registrationNumber}`;
      await twice(retracted);
      assert.ok((await ctx.services.declarations.retract(receipt.registrationNumber, receipt.queryPassword)).ok);
      assert.equal((await fetchPath(retracted)).status, 404);
    });

    test('the counter and the home page move within a second of a publication', async () => {
      const { second } = await twice('/api/v1/counter');
      const before = (await second.json()) as { total: number };
      await twice('/en/');
      const receipt = await submitDeclaration(ctx, { names: ['张三', '李四'], orgs: ['party'], title: '声明三' });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      ctx.clock.advance(1_100);
      const after = (await (await fetchPath('/api/v1/counter')).json()) as { total: number };
      assert.equal(after.total, before.total + 2);
      assert.match(await (await fetchPath('/en/')).text(), new RegExp(`data-total="${after.total}"`));
      assert.match(await (await fetchPath('/en/')).text(), /声明三/, 'the latest list moved too');
    });
  });
}
