import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOCALES } from '../../src/i18n/index.ts';
import { signInAs } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { postForm, postJson, submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';

const OTHER_SITE = { origin: 'https://widgets.example.net' };

for (const engine of testEngines()) {
  describe(`cross-origin reads for widgets, mirrors and API clients (${engine})`, () => {
    let ctx: TestContext;
    let receipt: { registrationNumber: string; queryPassword: string };
    before(async () => {
      ctx = await createTestContext(engine);
      receipt = await submitDeclaration(ctx);
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
    });
    after(() => ctx.close());

    const opened = (response: Response, label: string) => {
      assert.equal(response.headers.get('access-control-allow-origin'), '*', label);
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin', label);
      assert.equal(response.headers.get('access-control-allow-credentials'), null, label);
    };
    const closed = (response: Response, label: string) => {
      assert.equal(response.headers.get('access-control-allow-origin'), null, label);
      assert.notEqual(response.headers.get('cross-origin-resource-policy'), 'cross-origin', label);
    };

    test('every public read answers any origin, its errors too', async () => {
      const reads = [
        '/api/v1/counter',
        '/stat/statics',
        '/api/v1/stats/daily',
        '/api/v1/stats/daily?format=csv',
        '/api/v1/stats/daily?from=nonsense',
        '/api/v1/declarations',
        '/api/v1/declarations?q=%E6%98%8E%E5%BE%B7',
        `/api/v1/declarations/${receipt.registrationNumber}`,
        '/api/v1/declarations/0000000000000000',
        '/api/v1/openapi.json',
        ...LOCALES.flatMap((locale) => [`/${locale}/feeds/latest.atom`, `/${locale}/feeds/featured.atom`]),
      ];
      for (const path of reads) {
        for (const method of ['GET', 'HEAD']) {
          const response = await ctx.app.request(path, { method, headers: OTHER_SITE });
          assert.ok(response.status < 500, `${method} ${path}`);
          opened(response, `${method} ${path}`);
        }
      }
    });

    test('a preflight offers reads only, without credentials', async () => {
      for (const path of ['/api/v1/counter', '/stat/statics', '/api/v1/declarations', '/en/feeds/latest.atom']) {
        const response = await ctx.app.request(path, {
          method: 'OPTIONS',
          headers: { ...OTHER_SITE, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
        });
        assert.equal(response.status, 204, path);
        opened(response, path);
        assert.equal(response.headers.get('access-control-allow-methods'), 'GET, HEAD', path);
        assert.match(response.headers.get('access-control-allow-headers') ?? '', /If-None-Match/, path);
      }
    });

    test('nothing that takes a credential or changes anything is opened', async () => {
      const editor = await signInAs(ctx, 'editor');
      const checks: [string, Response][] = [
        ['POST declarations', await postJson(ctx, '/api/v1/declarations', { names: '明德', orgs: ['party'] }, OTHER_SITE)],
        ['POST declarations, invalid', await postJson(ctx, '/api/v1/declarations', {}, OTHER_SITE)],
        ['receipt lookup', await postJson(ctx, '/api/v1/receipts/lookup', receipt, OTHER_SITE)],
        ['receipt retract', await postJson(ctx, '/api/v1/receipts/retract', { ...receipt, queryPassword: 'x' }, OTHER_SITE)],
        ['receipt page', await postForm(ctx, '/en/receipt', receipt, OTHER_SITE)],
        ['declare form', await ctx.app.request('/en/declare', { headers: OTHER_SITE })],
        ['home', await ctx.app.request('/en/', { headers: OTHER_SITE })],
        ['statistics page', await ctx.app.request('/en/statistics', { headers: OTHER_SITE })],
        ['console', await editor.get('/console')],
        ['console sign-in', await ctx.app.request('/console/sign-in', { headers: OTHER_SITE })],
        ['receipt preflight', await ctx.app.request('/api/v1/receipts/lookup', { method: 'OPTIONS', headers: OTHER_SITE })],
      ];
      for (const [label, response] of checks) closed(response, label);
    });
  });
}
