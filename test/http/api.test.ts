import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../helpers/databases.ts';
import { countRows, postJson, submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';

for (const engine of testEngines()) {
  describe(`JSON API (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('POST /api/v1/declarations answers 201 with the receipt', async () => {
      const response = await postJson(ctx, '/api/v1/declarations', {
        names: ['明德', 'Anna Li'],
        orgs: ['pioneers', 'party'],
        headcount: 5,
        behalf: 'family',
        consent: true,
        region: '辽宁大连',
        statement: '全家声明',
        contact: 'a@example.org',
      });
      assert.equal(response.status, 201);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const body = await response.json();
      assert.deepEqual(Object.keys(body).sort(), ['queryPassword', 'registrationNumber', 'status']);
      assert.match(body.registrationNumber, /^[1-9][0-9]{15}$/);
      assert.match(body.queryPassword, /^[0-9A-HJKMNP-TV-Z]{20}$/);
      assert.equal(body.status, 'pending');
    });

    test('validation errors are {error: {code, message, fields}}, localized', async () => {
      const cases = [
        ['en', /Some fields need correcting/, /Enter at least one name/],
        ['zh-CN', /有几项需要修改/, /请至少填写一个/],
        ['zh-TW', /有幾項需要修改/, /請至少填寫一個/],
      ] as const;
      for (const [language, message, field] of cases) {
        const response = await postJson(ctx, '/api/v1/declarations', { names: [], orgs: ['party'] }, { 'accept-language': language });
        assert.equal(response.status, 422);
        assert.match(response.headers.get('vary') ?? '', /Accept-Language/);
        const { error } = await response.json();
        assert.equal(error.code, 'request.invalid');
        assert.match(error.message, message);
        assert.equal(error.fields.names.code, 'names.required');
        assert.match(error.fields.names.message, field);
      }
    });

    test('every kind of bad body is refused with nothing written', async () => {
      const before = await countRows(ctx, 'declarations');
      const raw = (body: string | Uint8Array, type = 'application/json') =>
        ctx.app.request('/api/v1/declarations', { method: 'POST', headers: { 'content-type': type }, body });
      const cases: [Response | Promise<Response>, number, string][] = [
        [raw(''), 400, 'request.malformed'],
        [raw('{"names":'), 400, 'request.malformed'],
        [raw('[1,2,3]'), 400, 'request.malformed'],
        [raw('"just a string"'), 400, 'request.malformed'],
        [raw('null'), 400, 'request.malformed'],
        [raw('names=x', 'application/x-www-form-urlencoded'), 415, 'request.unsupportedType'],
        [raw('{}', 'text/plain'), 415, 'request.unsupportedType'],
        [raw(JSON.stringify({ names: 'x'.repeat(1_100_000), orgs: ['party'] })), 413, 'request.tooLarge'],
        [raw(JSON.stringify({ names: { $gt: '' }, orgs: ['party'] })), 422, 'request.invalid'],
        [raw(JSON.stringify({ names: '张三', orgs: 'party; DROP TABLE declarations' })), 422, 'request.invalid'],
        [raw(JSON.stringify({ names: '张三', orgs: ['party'], headcount: 1e20 })), 422, 'request.invalid'],
        [raw(JSON.stringify({ names: '张三', orgs: ['party'], headcount: -3 })), 422, 'request.invalid'],
        [raw(JSON.stringify({ names: '张三', orgs: ['party'], consent: 'maybe' })), 422, 'request.invalid'],
        [raw(JSON.stringify({ names: '张\u202E三', orgs: ['party'] })), 422, 'request.invalid'],
        [raw(JSON.stringify({ names: Array(300).fill('张三'), orgs: ['party'] })), 422, 'request.invalid'],
        [raw(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])), 400, 'request.malformed'],
      ];
      for (const [pending, status, code] of cases) {
        const response = await pending;
        assert.equal(response.status, status, code);
        const body = await response.json();
        assert.equal(body.error.code, code);
        assert.equal(typeof body.error.message, 'string');
        assert.equal(typeof body.error.fields, 'object');
      }
      assert.equal(await countRows(ctx, 'declarations'), before);
    });

    test('GET /api/v1/declarations/{n} shows published declarations only', async () => {
      const receipt = await submitDeclaration(ctx, { names: '安宁', orgs: ['league'], region: '四川', statement: '自由' });
      const pending = await ctx.app.request(`/api/v1/declarations/${receipt.registrationNumber}`);
      assert.equal(pending.status, 404);
      assert.equal((await pending.json()).error.code, 'request.notFound');

      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      const response = await ctx.app.request(`/api/v1/declarations/${receipt.registrationNumber}`);
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.equal(body.registrationNumber, receipt.registrationNumber);
      assert.deepEqual(body.names, ['安宁']);
      assert.deepEqual(body.orgs, ['league']);
      assert.equal(body.region, '四川');
      assert.equal(body.statement, '自由');
      assert.ok(!('contact' in body) && !('queryPassword' in body) && !('passwordHash' in body));
      assert.ok(!Number.isNaN(Date.parse(body.publishedAt)));
    });

    test('the OpenAPI document lists every public API route', async () => {
      const response = await ctx.app.request('/api/v1/openapi.json');
      assert.equal(response.status, 200);
      const document = await response.json();
      assert.equal(document.openapi, '3.1.0');
      const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>)
        .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
        .filter((route) => route.includes(' /api/v1/') && !route.endsWith('/openapi.json'));
      const served = ctx.app.routes
        .filter(
          (route) =>
            route.path.startsWith('/api/v1/') &&
            route.method !== 'ALL' &&
            route.method !== 'OPTIONS' &&
            route.path !== '/api/v1/openapi.json',
        )
        .map((route) => `${route.method} ${route.path}`);
      assert.deepEqual([...new Set(served)].sort(), documented.sort());
    });

    test('API responses carry the security headers that act on data, the same on every route', async () => {
      const securityHeaders = (response: Response) =>
        Object.fromEntries(
          [
            'content-security-policy',
            'cross-origin-resource-policy',
            'referrer-policy',
            'strict-transport-security',
            'x-content-type-options',
            'x-frame-options',
            'permissions-policy',
          ].map((name) => [name, response.headers.get(name)]),
        );
      const expected = {
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'cross-origin-resource-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': null,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'permissions-policy': null,
      };
      // The public reads are open to every origin (see cross-origin.test.ts); the rest are not.
      for (const path of ['/api/v1/openapi.json', '/api/v1/counter', '/stat/statics', '/api/v1/declarations/0000000000000000']) {
        assert.deepEqual(
          securityHeaders(await ctx.app.request(path)),
          { ...expected, 'cross-origin-resource-policy': 'cross-origin' },
          path,
        );
      }
      assert.deepEqual(securityHeaders(await ctx.app.request('/api/v1/no-such-route')), expected, 'an unknown route');
      const invalid = await ctx.app.request('/api/v1/declarations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"names":',
      });
      assert.equal(invalid.status, 400);
      assert.deepEqual(securityHeaders(invalid), expected, 'an error from the API');
      const unknown = await ctx.app.request('/stat/other');
      assert.match(
        unknown.headers.get('content-security-policy') ?? '',
        /script-src 'none'/,
        'only the legacy counter under /stat/ is API',
      );
      const page = await ctx.app.request('/en/');
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'none'/, 'pages keep the page policy');
      assert.match(page.headers.get('permissions-policy') ?? '', /camera=\(\), .*geolocation=\(\), .*microphone=\(\)/);
    });
  });
}
