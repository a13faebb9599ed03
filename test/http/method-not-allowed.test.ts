import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../helpers/databases.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** A concrete path for a route pattern: each parameter gets a sample value, a wildcard a sample path. */
const concrete = (pattern: string) => pattern.replace(/:\w+/g, '1').replace(/\*$/, '0/000');

for (const engine of testEngines()) {
  describe(`a method a path does not serve gets 405 and Allow (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('the examples of the issue', async () => {
      const api = await ctx.app.request('/api/v1/counter', { method: 'DELETE', headers: { 'accept-language': 'en' } });
      assert.equal(api.status, 405);
      assert.equal(api.headers.get('allow'), 'GET, HEAD, OPTIONS');
      assert.equal(api.headers.get('content-type'), 'application/json');
      assert.deepEqual(await api.json(), {
        error: { code: 'request.methodNotAllowed', message: 'This address does not support this request method.', fields: {} },
      });
      const page = await ctx.app.request('/zh-hans/declare', { method: 'PUT' });
      assert.equal(page.status, 405);
      assert.equal(page.headers.get('allow'), 'GET, HEAD, POST');
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      const html = await page.text();
      assert.match(html, /<html lang="zh-Hans"/);
      assert.match(html, /不支持这种请求方式/);
      const traditional = await (await ctx.app.request('/zh-hant/declare', { method: 'PUT' })).text();
      assert.match(traditional, /不支援這種請求方式/);
    });

    test('a body is not judged on a method the path does not serve', async () => {
      for (const path of ['/api/v1/receipts/lookup', '/api/v1/receipts/retract']) {
        const response = await ctx.app.request(path, { headers: { 'accept-language': 'zh-TW' } });
        assert.equal(response.status, 405, path);
        assert.equal(response.headers.get('allow'), 'POST', path);
        assert.match((await response.json()).error.message, /不支援這種請求方式/);
      }
      const legacy = await ctx.app.request('/stat/statics', { method: 'POST' });
      assert.equal(legacy.status, 405);
      assert.equal((await legacy.json()).error.code, 'request.methodNotAllowed', 'the legacy counter answers in the API shape');
    });

    test('every route in the table: another method gets 405 listing exactly the methods served', async () => {
      const served = new Map<string, Set<string>>();
      for (const route of ctx.app.routes) {
        if (route.method === 'ALL') continue;
        const methods = served.get(route.path) ?? new Set<string>();
        methods.add(route.method);
        if (route.method === 'GET') methods.add('HEAD');
        served.set(route.path, methods);
      }
      assert.ok(served.size > 40, 'the whole table is walked');
      // A path can match several patterns: /console/staff/1/deactivate is also /console/staff/:id/:action.
      const matches = (pattern: string, path: string) =>
        new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+').replace(/\*$/, '.+')}$`).test(path);
      for (const pattern of served.keys()) {
        const path = concrete(pattern);
        const methods = new Set([...served].filter(([other]) => matches(other, path)).flatMap(([, each]) => [...each]));
        const response = await ctx.app.request(path, { method: 'DELETE' });
        assert.equal(response.status, 405, `DELETE ${path}`);
        assert.equal(response.headers.get('allow'), [...methods].sort().join(', '), `DELETE ${path}`);
        assert.equal(response.headers.get('cache-control'), 'no-store', path);
      }
    });

    test('an unknown path is still 404, and a served method is unaffected', async () => {
      assert.equal((await ctx.app.request('/api/v1/nothing', { method: 'DELETE' })).status, 404);
      assert.equal((await ctx.app.request('/en/nothing', { method: 'PUT' })).status, 404);
      assert.equal((await ctx.app.request('/api/v1/counter/')).status, 200);
      assert.equal((await ctx.app.request('/api/v1/counter/', { method: 'PUT' })).status, 405, 'a trailing slash is the same path');
    });
  });
}
