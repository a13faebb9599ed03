import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openApiDocument } from '../../src/http/api/v1/openapi.ts';
import { MAX_BODY_BYTES } from '../../src/http/answers.ts';
import { LOCALES } from '../../src/i18n/index.ts';
import { testEngines } from '../helpers/databases.ts';
import { validate, type Schema } from '../helpers/json-schema.ts';
import { postJson, submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';

/**
 * The document against the running app, both ways: every answer the tests
 * below produce is documented for its operation and matches the documented
 * schema, and every answer the document lists is produced by one of them. The
 * request schemas are held to the server's checks: a value that breaks one of
 * their keywords is refused, and values at their bounds are accepted.
 */

type Parameter = { name: string; in: 'query' | 'path' | 'header'; schema: Schema };
type Operation = {
  operationId: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  'x-exclusive-parameters'?: string[];
};

const document = JSON.parse(JSON.stringify(openApiDocument)) as { paths: Record<string, Record<string, Operation>> } & Schema;
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
);
const byId = new Map(operations.map((entry) => [entry.operation.operationId, entry]));
const resolve = (schema: Schema): Schema =>
  typeof schema.$ref === 'string'
    ? resolve((document.components as { schemas: Record<string, Schema> }).schemas[schema.$ref.split('/').at(-1)!]!)
    : schema;

/** The legacy XML as an object of its elements, numbers as numbers, for the documented schema. */
function xmlObject(text: string): unknown {
  const match = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<STATICS>((?:<([A-Z]+)>[^<]*<\/\2>)*)<\/STATICS>\n$/.exec(text);
  if (!match) return text;
  return Object.fromEntries(
    [...match[1]!.matchAll(/<([A-Z]+)>([^<]*)<\/\1>/g)].map(([, name, value]) => [name, /^\d+$/.test(value!) ? Number(value) : value]),
  );
}

const produced = new Set<string>();

async function check(operationId: string, pending: Response | Promise<Response>, label = operationId): Promise<Response> {
  const response = await pending;
  const { operation } = byId.get(operationId)!;
  const status = String(response.status);
  const documented = operation.responses[status];
  const text = await response.clone().text();
  assert.ok(documented, `${label}: ${status} is not documented for ${operationId} (${text.slice(0, 200)})`);
  produced.add(`${operationId} ${status}`);
  if (!documented.content) {
    assert.equal(text, '', `${label}: ${status} has no documented body`);
    return response;
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const content = documented.content[type];
  assert.ok(content, `${label}: ${type} is not documented for ${operationId} ${status}`);
  const value = type === 'application/json' ? JSON.parse(text) : type === 'application/xml' ? xmlObject(text) : text;
  assert.deepEqual(validate(document, content.schema, value), [], `${label}: ${operationId} ${status}`);
  return response;
}

const han = (index: number) => String.fromCodePoint(0x4e00 + index * 2, 0x4e01 + index * 2);

/** A value that breaks each keyword of a string schema (the schema's own checks), by keyword. */
function breaking(schema: Schema): [string, string][] {
  const cases: [string, string][] = [];
  if (Array.isArray(schema.enum)) cases.push(['enum', 'zzz']);
  if (schema.format === 'date' || typeof schema.pattern === 'string') cases.push(['pattern', 'x\u0000y']);
  if (schema.format === 'date') cases.push(['format', '2025-02-30']);
  if (typeof schema.maxLength === 'number') cases.push(['maxLength', '明'.repeat(schema.maxLength + 1)]);
  return cases;
}

for (const engine of testEngines()) {
  describe(`the OpenAPI document matches the service (${engine})`, () => {
    let ctx: TestContext;
    let published: { registrationNumber: string; queryPassword: string };
    let pending: { registrationNumber: string; queryPassword: string };
    before(async () => {
      ctx = await createTestContext(engine);
      published = await submitDeclaration(ctx, {
        names: ['王明华', '李四'],
        headcount: 3,
        title: '声明退出',
        region: '辽宁',
        statement: '第一行\n第二行',
      });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [published.registrationNumber]);
      pending = await submitDeclaration(ctx);
    });
    after(() => ctx.close());

    const get = (path: string, headers: Record<string, string> = {}) => ctx.app.request(path, { headers });
    const post = (path: string, body: string, contentType = 'application/json') =>
      ctx.app.request(path, { method: 'POST', headers: { 'content-type': contentType }, body });

    test('every operation has an id, takes no credentials, and is a route the app serves', () => {
      const served = new Set(ctx.app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`));
      const ids = new Set<string>();
      for (const { path, method, operation } of operations) {
        assert.match(operation.operationId ?? '', /^[a-z][A-Za-z]+$/, `${method} ${path}`);
        assert.ok(!ids.has(operation.operationId), `${operation.operationId} is unique`);
        ids.add(operation.operationId);
        assert.deepEqual(operation.security, [], `${operation.operationId}: security: []`);
        const concrete = path.includes('{locale}')
          ? LOCALES.map((locale) => path.replace('{locale}', locale))
          : [path.replace(/\{(\w+)\}/g, ':$1')];
        for (const route of concrete) assert.ok(served.has(`${method} ${route}`), `${method} ${route} is served`);
        if (operation.requestBody) {
          for (const status of ['400', '413', '415', '422'])
            assert.ok(operation.responses[status], `${operation.operationId} documents ${status}`);
        }
      }
      const documented = new Set(
        operations.flatMap(({ path, method }) =>
          path.includes('{locale}')
            ? LOCALES.map((locale) => `${method} ${path.replace('{locale}', locale)}`)
            : [`${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`],
        ),
      );
      const api = [...served].filter((route) => / \/api\//.test(route) || route.endsWith(' /stat/statics') || route.includes('/feeds/'));
      for (const route of api) assert.ok(route.startsWith('OPTIONS ') || documented.has(route), `${route} is documented`);
    });

    test('the reads: every documented answer, as documented', async () => {
      const counter = await check('getCounter', get('/api/v1/counter'));
      await check('getCounter', get('/api/v1/counter', { 'if-none-match': counter.headers.get('etag')! }), 'counter, not modified');
      const legacy = await check('getLegacyCounter', get('/stat/statics'));
      await check('getLegacyCounter', get('/stat/statics', { 'if-none-match': legacy.headers.get('etag')! }), 'legacy, not modified');

      await check('getDailyStats', get('/api/v1/stats/daily'));
      await check('getChallenge', get('/api/v1/challenge'));
      await check('getAdmissionStats', get('/api/v1/stats/admission'));
      await check('getDailyStats', get('/api/v1/stats/daily?format=csv'), 'csv');
      await check('getDailyStats', get('/api/v1/stats/daily', { accept: 'text/csv' }), 'csv by Accept');
      await check('getDailyStats', get('/api/v1/stats/daily?from=2004-12-01'), 'everything');
      await check('getDailyStats', get('/api/v1/stats/daily?from=2024-02-30'), 'no such day');
      await check('getDailyStats', get('/api/v1/stats/daily?format=xml'), 'unknown format');
      await check('getDailyStats', get('/api/v1/stats/daily?from=2004-11-30'), 'before the first day');
      await check('getDailyStats', get('/api/v1/stats/daily?to=2999-01-01'), 'after today');
      await check('getDailyStats', get('/api/v1/stats/daily?from=2025-03-02&to=2025-03-01'), 'reversed');

      const list = await (await check('listDeclarations', get('/api/v1/declarations'))).json();
      assert.equal(list.items[0].registrationNumber, published.registrationNumber);
      const day = list.items[0].publishedAt.slice(0, 10);
      await check('listDeclarations', get(`/api/v1/declarations?day=${day}`), 'by day');
      await check('listDeclarations', get('/api/v1/declarations?featured=1'), 'featured');
      await check('listDeclarations', get(`/api/v1/declarations?q=${encodeURIComponent('王明华')}`), 'alias');
      await check('listDeclarations', get(`/api/v1/declarations?q=${encodeURIComponent('王')}&mode=prefix`), 'alias prefix');
      await check('listDeclarations', get(`/api/v1/declarations?q=${encodeURIComponent('退出')}&field=title`), 'title');
      await check('listDeclarations', get(`/api/v1/declarations?q=${encodeURIComponent('辽宁')}&field=region`), 'region');
      await check('listDeclarations', get('/api/v1/declarations?cursor=not-a-cursor'), 'unknown cursor');
      await check('listDeclarations', get(`/api/v1/declarations?q=${encodeURIComponent('退')}&field=title`), 'too short to search');

      await check('getDeclaration', get(`/api/v1/declarations/${published.registrationNumber}`));
      await check('getDeclaration', get(`/api/v1/declarations/${pending.registrationNumber}`), 'pending');
      await check('getDeclaration', get('/api/v1/declarations/0000000000000000'), 'unknown');

      await check('getDeclarationProof', get(`/api/v1/declarations/${published.registrationNumber}/proof`), 'not yet logged');
      await ctx.services.log.publish();
      await check('getDeclarationProof', get(`/api/v1/declarations/${published.registrationNumber}/proof`));
      await check('getLogConsistency', get('/api/v1/log/consistency?from=0&to=1'));
      await check('getLogConsistency', get('/api/v1/log/consistency?from=1&to=2'), 'beyond the checkpoint');

      await check('getOpenApi', get('/api/v1/openapi.json'));
      for (const locale of LOCALES) {
        await check('getLatestFeed', get(`/${locale}/feeds/latest.atom`), `${locale} latest`);
        await check('getFeaturedFeed', get(`/${locale}/feeds/featured.atom`), `${locale} featured`);
      }
    });

    test('the declarations list: day, featured=1 and q exclude each other', async () => {
      const values: Record<string, string> = { day: '2025-01-01', featured: '1', q: '明德' };
      const exclusive = byId.get('listDeclarations')!.operation['x-exclusive-parameters']!;
      for (const first of exclusive) {
        for (const second of exclusive.filter((name) => name > first)) {
          const response = await check(
            'listDeclarations',
            get(`/api/v1/declarations?${first}=${values[first]}&${second}=${encodeURIComponent(values[second]!)}`),
          );
          assert.equal(response.status, 422, `${first} with ${second}`);
          assert.deepEqual(Object.keys((await response.json()).error.fields).sort(), [first, second].sort());
        }
      }
    });

    test('a query parameter that breaks its schema is refused, with a documented answer', async () => {
      for (const { path, operation } of operations) {
        if (path.includes('{')) continue;
        for (const parameter of operation.parameters ?? []) {
          // Headers (the submission's Idempotency-Key) are checked with their operation below.
          if (parameter.in !== 'query') continue;
          for (const [keyword, value] of breaking(parameter.schema)) {
            const label = `${operation.operationId} ${parameter.name} breaking ${keyword}`;
            const response = await check(operation.operationId, get(`${path}?${parameter.name}=${encodeURIComponent(value)}`), label);
            assert.ok(response.status >= 400, `${label}: refused, not ${response.status}`);
          }
        }
      }
      for (const value of ['abc', '1234\u0000', '1'.repeat(17)]) {
        const response = await check(
          'getDeclaration',
          get(`/api/v1/declarations/${encodeURIComponent(value)}`),
          `permalink ${JSON.stringify(value)}`,
        );
        assert.equal(response.status, 404);
      }
    });

    test('submissions: every documented answer, the bad inputs of each kind', async () => {
      const receipt = await check('submitDeclaration', postJson(ctx, '/api/v1/declarations', { names: '明德', orgs: ['party'] }));
      assert.equal(receipt.status, 201);
      await check('submitDeclaration', post('/api/v1/declarations', '{"names":'), 'malformed JSON');
      await check('submitDeclaration', post('/api/v1/declarations', '[1,2]'), 'not an object');
      await check('submitDeclaration', post('/api/v1/declarations', 'x'.repeat(MAX_BODY_BYTES + 1)), 'too large');
      await check('submitDeclaration', post('/api/v1/declarations', 'names=明德', 'text/plain'), 'wrong type');
      await check('submitDeclaration', postJson(ctx, '/api/v1/declarations', { names: '', orgs: [] }), 'invalid fields');
      const key = { 'idempotency-key': 'contract-0000-4000-8000-000000000001' };
      assert.equal(
        (await check('submitDeclaration', postJson(ctx, '/api/v1/declarations', { names: '明德', orgs: ['party'] }, key))).status,
        201,
      );
      const reused = await check(
        'submitDeclaration',
        postJson(ctx, '/api/v1/declarations', { names: '安宁', orgs: ['party'] }, key),
        'key reused',
      );
      assert.equal(reused.status, 422);
      const unusable = await check(
        'submitDeclaration',
        postJson(ctx, '/api/v1/declarations', { names: '明德', orgs: ['party'] }, { 'idempotency-key': 'short' }),
        'bad key',
      );
      assert.equal(unusable.status, 400);
      // The fast lane for valid submissions gives the same documented answer over real HTTP.
      const server = await ctx.listen();
      try {
        const lane = await fetch(`${server.url}/api/v1/declarations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ names: ['张三'], orgs: ['league', 'pioneers'] }),
        });
        assert.equal((await check('submitDeclaration', lane, 'through the submission lane')).status, 201);
      } finally {
        await server.close();
      }
    });

    test('the submission schema is as strict as the server: its bounds accepted, each broken keyword refused', async () => {
      const valid = { names: '明德', orgs: ['party'] };
      const schema = resolve(byId.get('submitDeclaration')!.operation.requestBody!.content['application/json']!.schema);
      const properties = schema.properties as Record<string, Schema>;
      const accepted: [string, Record<string, unknown>][] = [
        ['title at its limit', { title: 'T'.repeat(properties.title!.maxLength as number) }],
        ['region at its limit', { region: '辽'.repeat(properties.region!.maxLength as number) }],
        ['statement at its limit, with lines', { statement: `第一行\n${'字'.repeat((properties.statement!.maxLength as number) - 4)}` }],
        [
          'the most names',
          { names: Array.from({ length: (properties.names!.oneOf as Schema[])[1]!.maxItems as number }, (_, index) => han(index)) },
        ],
        ['the largest head-count', { headcount: properties.headcount!.maximum }],
        ['the smallest head-count', { headcount: properties.headcount!.minimum }],
        ['an organisation repeated', { orgs: ['party', 'party', 'league'] }],
        ['family, with consent', { behalf: 'family', consent: true }],
        ['a contact', { contact: 'someone@example.org' }],
      ];
      for (const [label, fields] of accepted) {
        const response = await check('submitDeclaration', postJson(ctx, '/api/v1/declarations', { ...valid, ...fields }), label);
        assert.equal(response.status, 201, label);
      }
      const refused: [string, Record<string, unknown>][] = [
        ['names', { names: '' }],
        ['names', { names: [] }],
        ['names', { names: Array.from({ length: 51 }, (_, index) => han(index)) }],
        ['names', { names: '明\u0000德' }],
        ['names', { names: ['明\n德'] }],
        ['names', { names: 5 }],
        ['orgs', { orgs: [] }],
        ['orgs', { orgs: ['army'] }],
        ['headcount', { headcount: (properties.headcount!.maximum as number) + 1 }],
        ['headcount', { headcount: 0 }],
        ['headcount', { headcount: 1.5 }],
        ['title', { title: 'T'.repeat((properties.title!.maxLength as number) + 1) }],
        ['title', { title: 'a\u0001b' }],
        ['title', { title: 'a\nb' }],
        ['region', { region: '辽'.repeat((properties.region!.maxLength as number) + 1) }],
        ['region', { region: 'a\u202Eb' }],
        ['statement', { statement: '字'.repeat((properties.statement!.maxLength as number) + 1) }],
        ['statement', { statement: 'a\u0000b' }],
        ['behalf', { behalf: 'friend' }],
        ['consent', { behalf: 'family' }],
        ['consent', { consent: 'maybe' }],
        ['contact', { contact: 'not an address' }],
        ['contact', { contact: `${'a'.repeat(250)}@example.org` }],
      ];
      for (const [field, fields] of refused) {
        const body = { ...valid, ...fields };
        const label = `${field}: ${JSON.stringify(fields).slice(0, 60)}`;
        assert.notDeepEqual(validate(document, schema, body), [], `${label} breaks the documented schema`);
        const response = await check('submitDeclaration', postJson(ctx, '/api/v1/declarations', body), label);
        assert.equal(response.status, 422, label);
        assert.ok((await response.json()).error.fields[field], `${label}: error.fields.${field}`);
      }
    });

    test('receipts: every documented answer, the bad inputs of each kind', async () => {
      for (const [operationId, path] of [
        ['lookUpReceipt', '/api/v1/receipts/lookup'],
        ['retractDeclaration', '/api/v1/receipts/retract'],
      ] as const) {
        const fresh = await submitDeclaration(ctx);
        await check(operationId, postJson(ctx, path, fresh), `${operationId}`);
        await check(operationId, postJson(ctx, path, { ...fresh, queryPassword: 'Z'.repeat(20) }), 'wrong password');
        await check(operationId, post(path, '{"registrationNumber":'), 'malformed JSON');
        await check(operationId, post(path, 'x'.repeat(MAX_BODY_BYTES + 1)), 'too large');
        await check(operationId, post(path, 'a=b', 'application/x-www-form-urlencoded'), 'wrong type');
        await check(operationId, postJson(ctx, path, { registrationNumber: 5 }), 'missing and mistyped');
        await check(operationId, postJson(ctx, path, { ...fresh, queryPassword: 'x'.repeat(65) }), 'too long');
      }
      const twice = await check('retractDeclaration', postJson(ctx, '/api/v1/receipts/retract', pending), 'retract');
      assert.equal(twice.status, 200);
      const again = await check('retractDeclaration', postJson(ctx, '/api/v1/receipts/retract', pending), 'retract twice');
      assert.equal(again.status, 409);
    });

    test('every documented answer was produced above', () => {
      const missing = operations.flatMap(({ operation }) =>
        Object.keys(operation.responses)
          .map((status) => `${operation.operationId} ${status}`)
          .filter((key) => !produced.has(key)),
      );
      assert.deepEqual(missing, []);
    });
  });
}
