import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LIMITS } from '../../src/domain/declaration/fields.ts';
import { MAX_NAMES } from '../../src/domain/declaration/names.ts';
import { PUBLIC_BODY_BYTES } from '../../src/http/answers.ts';
import { PUBLIC_FORM_FIELDS } from '../../src/http/form-body.ts';
import { MAX_JSON_DEPTH } from '../../src/http/json-text.ts';
import { testEngines } from '../helpers/databases.ts';
import { countRows, postJson } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** Every character of a string as JSON's costliest spelling: an astral character is two \u escapes, 12 bytes. */
const escaped = (text: string) =>
  `"${[...text]
    .map((c) =>
      c
        .split('')
        .map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .join(''),
    )
    .join('')}"`;

/** Names of the longest length, all different: the longest name list the rules take. */
function longestNames(): string[] {
  const letter = (n: number) => String.fromCharCode(0x61 + (n % 26));
  return Array.from({ length: MAX_NAMES }, (_, i) => `${letter(i)}${letter(i / 26)}${'x'.repeat(LIMITS.name - 2)}`);
}

/** The largest valid declaration, every string in its costliest JSON spelling. */
function largestDeclarationJson(): string {
  const astral = (n: number) => '𠀀'.repeat(n);
  return `{"names":[${longestNames().map(escaped).join(',')}],"orgs":["party","league","pioneers"],"headcount":500,"title":${escaped(astral(LIMITS.title))},"region":${escaped(astral(LIMITS.region))},"statement":${escaped(astral(LIMITS.statement))},"behalf":"self","consent":true}`;
}

const nested = (depth: number) => `{"names":${'['.repeat(depth)}${']'.repeat(depth)}}`;

/** Counts JSON.parse calls on one text while `run` runs. */
async function parsesOf(text: string, run: () => Promise<unknown>): Promise<number> {
  const original = JSON.parse;
  let count = 0;
  JSON.parse = (value: string, ...rest: never[]) => {
    if (value === text) count++;
    return original(value, ...rest);
  };
  try {
    await run();
  } finally {
    JSON.parse = original;
  }
  return count;
}

for (const engine of testEngines()) {
  describe(`request bodies are read once and within limits (${engine})`, () => {
    let ctx: TestContext;
    let server: { url: string; close(): Promise<void> };
    before(async () => {
      ctx = await createTestContext(engine);
      server = await ctx.listen();
    });
    after(async () => {
      await server.close();
      await ctx.close();
    });

    test('the largest valid declaration, written as expensively as JSON allows, fits the public body limit', async () => {
      // Every character of every text at 12 bytes, a separator after each name, and a kilobyte for the keys.
      const characters = MAX_NAMES * (LIMITS.name + 1) + LIMITS.title + LIMITS.region + LIMITS.statement + LIMITS.contact;
      assert.ok(characters * 12 + 1024 <= PUBLIC_BODY_BYTES, `${characters * 12 + 1024} bytes at most`);
      const body = largestDeclarationJson();
      assert.ok(Buffer.byteLength(body) <= PUBLIC_BODY_BYTES, `${Buffer.byteLength(body)} bytes`);
      const response = await fetch(`${server.url}/api/v1/declarations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      assert.equal(response.status, 201, await response.text());
    });

    test('a body over the public limit is refused unread, and the console keeps its larger one', async () => {
      const stored = await countRows(ctx, 'declarations');
      const big = JSON.stringify({ names: '明德', orgs: ['party'], statement: 'x'.repeat(PUBLIC_BODY_BYTES) });
      assert.equal((await postJson(ctx, '/api/v1/declarations', big)).status, 413);
      const form = await ctx.app.request('/en/support', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `message=${'x'.repeat(PUBLIC_BODY_BYTES)}`,
      });
      assert.equal(form.status, 413);
      const console = await ctx.app.request('/console/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(PUBLIC_BODY_BYTES * 2) },
        body: 'x'.repeat(PUBLIC_BODY_BYTES * 2),
      });
      assert.notEqual(console.status, 413, 'the console reads up to 1 MB');
      assert.equal(await countRows(ctx, 'declarations'), stored);
    });

    test('deeply nested JSON is refused before it is parsed, on the lane and in the app', async () => {
      const stored = await countRows(ctx, 'declarations');
      const deep = nested(60_000);
      for (const path of ['/api/v1/declarations', '/api/v1/receipts/lookup']) {
        let status = 0;
        const parses = await parsesOf(deep, async () => {
          const response = await fetch(`${server.url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: deep,
          });
          status = response.status;
          await response.arrayBuffer();
        });
        assert.equal(status, 400, path);
        assert.equal(parses, 0, `${path}: never handed to JSON.parse`);
      }
      assert.equal((await postJson(ctx, '/api/v1/declarations', nested(MAX_JSON_DEPTH + 1))).status, 400);
      // Nested as deep as allowed, it is merely invalid.
      assert.equal((await postJson(ctx, '/api/v1/declarations', JSON.parse(nested(MAX_JSON_DEPTH - 1)))).status, 422);
      assert.equal(await countRows(ctx, 'declarations'), stored);
    });

    test('a body the lane does not take is parsed once, not again by the app', async () => {
      const invalid = JSON.stringify({ names: ['明德'], orgs: ['nobody'] });
      let status = 0;
      const parses = await parsesOf(invalid, async () => {
        const response = await fetch(`${server.url}/api/v1/declarations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: invalid,
        });
        status = response.status;
        await response.arrayBuffer();
      });
      assert.equal(status, 422);
      assert.equal(parses, 1);
    });

    test('a form with more fields than any public form has is refused before it is taken apart', async () => {
      const stored = await countRows(ctx, 'declarations');
      const fields = (n: number) =>
        `names=${encodeURIComponent('明德')}&orgs=party&${Array.from({ length: n - 2 }, (_, i) => `f${i}=1`).join('&')}`;
      const post = (body: string) =>
        fetch(`${server.url}/en/declare`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
          redirect: 'manual',
        });
      const many = await post(fields(PUBLIC_FORM_FIELDS + 1));
      assert.equal(many.status, 400);
      await many.arrayBuffer();
      const flood = await post('a&'.repeat(50_000));
      assert.equal(flood.status, 400);
      await flood.arrayBuffer();
      const allowed = await post(fields(PUBLIC_FORM_FIELDS));
      assert.equal(allowed.status, 303, 'a form with as many fields as allowed is taken');
      await allowed.arrayBuffer();
      assert.equal(await countRows(ctx, 'declarations'), stored + 1);
    });
  });
}
