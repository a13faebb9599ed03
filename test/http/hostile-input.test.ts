import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../helpers/databases.ts';
import { countRows, postForm, postJson, submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/**
 * Text that has broken one engine or the other: a NUL (PostgreSQL refuses it in
 * text), other controls, direction overrides, bytes that are not UTF-8, SQL and
 * LIKE syntax, and sheer length. Every public input gets each of them, on both
 * engines, and must answer the same status on both: a refusal or an answer,
 * never a 500, and nothing stored.
 */
const HOSTILE = {
  nul: '明\u0000德',
  control: '明\u0001德',
  bidi: '明\u202E德',
  notUtf8: '明\uFFFD德',
  sql: "明德' OR 1=1 --",
  like: '明%_德',
  long: '明'.repeat(5000),
  zeroWidth: '明\u200B德',
  tag: '明德\u{E0069}\u{E0067}\u{E006E}',
  marks: `明${'\u0336'.repeat(40)}德`,
} as const;
type Hostile = keyof typeof HOSTILE;
const ALL = Object.keys(HOSTILE) as Hostile[];

/** The status for every input, and any input answered otherwise. */
type Expected = { all: number } & Partial<Record<Hostile, number>>;
/** Searches refuse what no stored text can hold (and what is too long), and search for the rest. */
const SEARCH: Expected = { all: 422, sql: 200, like: 200 };

const q = encodeURIComponent;

interface Row {
  name: string;
  request(ctx: TestContext, value: string, receipt: { registrationNumber: string; queryPassword: string }): Response | Promise<Response>;
  expected: Expected;
}

const ROWS: Row[] = [
  { name: 'API search by alias', request: (ctx, v) => ctx.app.request(`/api/v1/declarations?q=${q(v)}`), expected: SEARCH },
  {
    name: 'API search by alias prefix',
    request: (ctx, v) => ctx.app.request(`/api/v1/declarations?q=${q(v)}&mode=prefix`),
    expected: SEARCH,
  },
  { name: 'API search by title', request: (ctx, v) => ctx.app.request(`/api/v1/declarations?q=${q(v)}&field=title`), expected: SEARCH },
  { name: 'API search by region', request: (ctx, v) => ctx.app.request(`/api/v1/declarations?q=${q(v)}&field=region`), expected: SEARCH },
  { name: 'search page', request: (ctx, v) => ctx.app.request(`/en/search?q=${q(v)}`), expected: SEARCH },
  { name: 'search page by title', request: (ctx, v) => ctx.app.request(`/zh-hans/search?q=${q(v)}&field=title`), expected: SEARCH },
  { name: 'API day', request: (ctx, v) => ctx.app.request(`/api/v1/declarations?day=${q(v)}`), expected: { all: 422 } },
  { name: 'API cursor', request: (ctx, v) => ctx.app.request(`/api/v1/declarations?cursor=${q(v)}`), expected: { all: 200 } },
  {
    name: 'API field and mode',
    request: (ctx, v) => ctx.app.request(`/api/v1/declarations?q=明德&field=${q(v)}&mode=${q(v)}`),
    expected: { all: 422 },
  },
  { name: 'API permalink', request: (ctx, v) => ctx.app.request(`/api/v1/declarations/${q(v)}`), expected: { all: 404 } },
  { name: 'permalink page', request: (ctx, v) => ctx.app.request(`/zh-hant/declarations/${q(v)}`), expected: { all: 404 } },
  { name: 'day page', request: (ctx, v) => ctx.app.request(`/en/days/${q(v)}`), expected: { all: 404 } },
  { name: 'archive cursor', request: (ctx, v) => ctx.app.request(`/en/declarations?cursor=${q(v)}`), expected: { all: 200 } },
  { name: 'featured cursor', request: (ctx, v) => ctx.app.request(`/en/featured?cursor=${q(v)}`), expected: { all: 200 } },
  {
    name: 'API daily statistics',
    request: (ctx, v) => ctx.app.request(`/api/v1/stats/daily?from=${q(v)}&to=${q(v)}`),
    expected: { all: 400 },
  },
  {
    name: 'API daily statistics format',
    request: (ctx, v) => ctx.app.request(`/api/v1/stats/daily?format=${q(v)}`),
    expected: { all: 400 },
  },
  { name: 'statistics page', request: (ctx, v) => ctx.app.request(`/en/statistics?from=${q(v)}`), expected: { all: 422 } },
  { name: 'support list cursor', request: (ctx, v) => ctx.app.request(`/en/support?before=${q(v)}`), expected: { all: 404 } },
  {
    name: 'API submission',
    request: (ctx, v) => postJson(ctx, '/api/v1/declarations', { names: v, orgs: ['party'], title: v, region: v }),
    expected: { all: 422 },
  },
  {
    name: 'API submission statement',
    request: (ctx, v) => postJson(ctx, '/api/v1/declarations', { names: '明德', orgs: ['party'], statement: `${v}\u0000` }),
    expected: { all: 422 },
  },
  {
    name: 'declaration form',
    request: (ctx, v) => postForm(ctx, '/en/declare', { names: v, orgs: 'party', title: v }),
    expected: { all: 422 },
  },
  {
    name: 'API receipt lookup',
    request: (ctx, v, r) => postJson(ctx, '/api/v1/receipts/lookup', { ...r, queryPassword: v }),
    expected: { all: 404, long: 422 },
  },
  {
    name: 'API receipt retract',
    request: (ctx, v, r) => postJson(ctx, '/api/v1/receipts/retract', { registrationNumber: v, queryPassword: r.queryPassword }),
    expected: { all: 404, long: 422 },
  },
  {
    name: 'receipt page',
    request: (ctx, v, r) => postForm(ctx, '/en/receipt', { registrationNumber: v, queryPassword: r.queryPassword }),
    expected: { all: 422 },
  },
  {
    name: 'receipt retract page',
    request: (ctx, v, r) => postForm(ctx, '/en/receipt/retract', { ...r, queryPassword: v }),
    expected: { all: 422 },
  },
  {
    name: 'support form',
    request: (ctx, v) => postForm(ctx, '/en/support', { name: v, region: v, message: `${v}\u0000` }),
    // Three fields of 5,000 characters each, percent-encoded, pass the public body limit (128 KB).
    expected: { all: 422, long: 413 },
  },
  {
    name: 'console sign-in',
    request: (ctx, v) => postForm(ctx, '/console/sign-in', { email: `${v}@example.org`, password: v }),
    expected: { all: 422 },
  },
];

for (const engine of testEngines()) {
  describe(`hostile input on every public endpoint (${engine})`, () => {
    let ctx: TestContext;
    let receipt: { registrationNumber: string; queryPassword: string };
    before(async () => {
      ctx = await createTestContext(engine);
      receipt = await submitDeclaration(ctx);
    });
    after(() => ctx.close());

    for (const row of ROWS) {
      test(row.name, async () => {
        const stored = await countRows(ctx, 'declarations');
        for (const name of ALL) {
          const response = await row.request(ctx, HOSTILE[name], receipt);
          await response.arrayBuffer();
          assert.equal(response.status, row.expected[name] ?? row.expected.all, `${row.name}: ${name}`);
        }
        assert.equal(await countRows(ctx, 'declarations'), stored, 'nothing stored');
      });
    }
  });
}
