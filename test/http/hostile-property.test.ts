import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { LOCALES } from '../../src/i18n/index.ts';
import { testEngines } from '../helpers/databases.ts';
import { submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/**
 * Random and hostile input to every form and every API endpoint that takes one (the POST routes of
 * the route table outside the console, and the console's sign-in), and to the query strings of the
 * reads: markup and script, SQL and LIKE syntax, NUL and other controls, direction overrides,
 * invisible and stacked characters, bytes that are not UTF-8, huge text, deeply nested JSON and
 * values of the wrong type. On each engine, for every request:
 * - the answer is never a 5xx;
 * - an answer that refuses (4xx) leaves every table that takes public input as it was;
 * - and hostile text that was taken, once published, is shown escaped wherever it is shown.
 * A few hundred runs per engine keep it to seconds; FC_SEED replays a failure, FC_RUNS asks for more.
 */
const RUNS = Number(process.env.FC_RUNS ?? 300);
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  'javascript:alert(1)',
  '</textarea><script>x</script>',
  '<a href="javascript:alert(1)">x</a>',
  '{{constructor.constructor("alert(1)")()}}',
  "明德' OR '1'='1",
  "'; DROP TABLE declarations; --",
  '明%_德\\',
  '明\u0000德',
  '明\u202E德',
  '明\u200B德',
  '明德\u{E0041}',
  `明${'\u0301'.repeat(30)}`,
  '\uFFFD',
  '\uD800',
  '__proto__',
  'constructor',
  '明德',
];

/** Text: a payload, random text, or either wrapped in more, sometimes longer than any field allows. */
const hostileText = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 10 })).map(([payload, text]) => `${text}${payload}${text}`),
  fc
    .tuple(fc.constantFrom(...PAYLOADS), fc.integer({ min: 100, max: 6000 }))
    .map(([payload, n]) => payload.repeat(Math.ceil(n / payload.length))),
);

/** JSON values of any type, hostile text among them (deep nesting is its own kind of body, below). */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), hostileText, { maxKeys: 3 }),
);

const FIELDS = [
  'names',
  'orgs',
  'headcount',
  'title',
  'region',
  'statement',
  'behalf',
  'consent',
  'contact',
  'registrationNumber',
  'queryPassword',
  'name',
  'message',
  'email',
  'password',
  'agree',
  'submission',
  'action',
  'q',
];

/** Fields the forms and the API read, with valid values under the hostile ones so that some get past the first check. */
const fieldsArb = fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { minKeys: 1, maxKeys: 8 });

type Body =
  | { kind: 'json'; value: Record<string, unknown> | unknown }
  | { kind: 'form'; value: Record<string, unknown> }
  | { kind: 'bytes'; value: Uint8Array; type: string }
  | { kind: 'deep'; depth: number; field: string };

const bodyArb: fc.Arbitrary<Body> = fc.oneof(
  fieldsArb.map((value) => ({ kind: 'json' as const, value: { names: '明德', orgs: ['party'], ...value } })),
  hostileValue.map((value) => ({ kind: 'json' as const, value })),
  fieldsArb.map((value) => ({ kind: 'form' as const, value: { names: '明德', orgs: 'party', ...value } })),
  fc
    .tuple(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'))
    .map(([value, type]) => ({ kind: 'bytes' as const, value, type })),
  // Kept as a depth and written out when sent: a value nested thousands deep is too deep to shrink or print.
  fc
    .tuple(fc.integer({ min: 2, max: 20_000 }), fc.constantFrom(...FIELDS))
    .map(([depth, field]) => ({ kind: 'deep' as const, depth, field })),
);

function encode(body: Body): { type: string; payload: string | Uint8Array } {
  if (body.kind === 'bytes') return { type: body.type, payload: body.value };
  if (body.kind === 'deep')
    return { type: 'application/json', payload: `{"${body.field}":${'['.repeat(body.depth)}${']'.repeat(body.depth)}}` };
  if (body.kind === 'json') return { type: 'application/json', payload: JSON.stringify(body.value) ?? 'null' };
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body.value)) {
    for (const item of Array.isArray(value) ? value : [value])
      form.append(name, typeof item === 'string' ? item : (JSON.stringify(item) ?? ''));
  }
  return { type: 'application/x-www-form-urlencoded', payload: form.toString() };
}

/** The tables public input may write to; a refused request must leave each as it was. */
const TABLES = [
  'declarations',
  'declaration_events',
  'support_messages',
  'submission_receipts',
  'newsletter_subscribers',
  'inbound_items',
  'staff_sessions',
  'audit_log',
] as const;

async function fingerprint(ctx: TestContext): Promise<string> {
  const selects = TABLES.map((table) => sql`(select count(*) from ${sql.table(table)})`);
  const row = await sql<
    Record<string, unknown>
  >`select ${sql.join(selects.map((select, i) => sql`${select} as ${sql.ref(`t${i}`)}`))}`.execute(ctx.services.database.db);
  return JSON.stringify(Object.values(row.rows[0]!).map(Number));
}

for (const engine of testEngines()) {
  describe(`hostile input, at random, to every form and API endpoint (${engine})`, () => {
    let ctx: TestContext;
    let paths: string[];
    let receipt: { registrationNumber: string; queryPassword: string };

    before(async () => {
      ctx = await createTestContext(engine);
      receipt = await submitDeclaration(ctx);
      const posts = new Set<string>();
      for (const route of ctx.app.routes) {
        if (route.method !== 'POST' || route.path.startsWith('/console')) continue;
        posts.add(route.path.replace(/:(\w+)/g, (_, key: string) => (key === 'locale' ? LOCALES[0] : 'x')));
      }
      posts.add('/console/sign-in');
      paths = [...posts];
    });
    after(() => ctx.close());

    test('no 5xx, and a refused request changes nothing', async () => {
      assert.ok(paths.length >= 10, paths.join(' '));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), bodyArb, async (path, body) => {
          const { type, payload } = encode(body);
          const before = await fingerprint(ctx);
          const response = await ctx.app.request(path, { method: 'POST', headers: { 'content-type': type }, body: payload });
          await response.arrayBuffer();
          assert.ok(response.status < 500, `${path}: ${response.status}`);
          if (response.status >= 400) assert.equal(await fingerprint(ctx), before, `${path}: refused with ${response.status}, yet stored`);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });

    test('hostile text in the query strings of the reads gets no 5xx', async () => {
      const reads = [
        '/api/v1/declarations?q=',
        '/api/v1/declarations?field=title&q=',
        '/api/v1/declarations?mode=prefix&q=',
        '/api/v1/declarations?cursor=',
        '/api/v1/stats/daily?from=',
        '/en/search?q=',
        '/en/declarations?cursor=',
        '/en/statistics?from=',
        `/api/v1/declarations/${receipt.registrationNumber}?x=`,
      ];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...reads), hostileText, async (read, text) => {
          const response = await ctx.app.request(`${read}${encodeURIComponent(text.isWellFormed() ? text : text.toWellFormed())}`);
          await response.arrayBuffer();
          assert.ok(response.status < 500, `${read}: ${response.status}`);
        }),
        { numRuns: Math.ceil(RUNS / 3), seed: SEED },
      );
    });

    test('hostile text, once published, is shown escaped on every page and feed that shows it', async () => {
      const markup = PAYLOADS.filter((payload) => /[<>"']/.test(payload) && !/[\u0000\uD800\u202E\u200B]/.test(payload));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...markup), fc.constantFrom(...markup), async (title, statement) => {
          const response = await ctx.app.request('/api/v1/declarations', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ names: '明德', orgs: ['party'], title: title.slice(0, 100), statement }),
          });
          if (response.status !== 201) return;
          const { registrationNumber } = (await response.json()) as { registrationNumber: string };
          const approved = await ctx.services.moderation.approve(SYSTEM_ACTOR, [registrationNumber]);
          assert.equal(approved.ok, true);
          for (const page of [
            `/en/declarations/${registrationNumber}`,
            '/en/declarations',
            '/zh-hant/declarations',
            '/en/feeds/latest.atom',
          ]) {
            const html = await (await ctx.app.request(page)).text();
            assert.doesNotMatch(html, /<script|<img|<svg|<a href="javascript:/i, `${page}: markup from a declaration`);
            assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+\s*=/i, `${page}: an event handler from a declaration`);
          }
        }),
        { numRuns: 25, seed: SEED },
      );
    });
  });
}
