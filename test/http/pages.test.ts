import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { LOCALES } from '../../src/i18n/index.ts';
import { testEngines } from '../helpers/databases.ts';
import { submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';

/** Every page a visitor can reach with GET, per locale. */
const PAGES = ['/', '/declare', '/receipt', '/receipt/retracted'];

function assertSecurityHeaders(response: Response, path: string) {
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/, `${path}: default-src`);
  assert.match(csp, /frame-ancestors 'none'/, `${path}: frame-ancestors`);
  assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/=]+'/, `${path}: the style sheet is allowed by its hash`);
  // The declaration form alone may load our own proof-of-work script (docs/security.md, "Flooding").
  if (path === '/declare') assert.match(csp, /script-src 'self';/, `${path}: our own script only`);
  else assert.match(csp, /script-src 'none'/, `${path}: no script at all`);
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer', `${path}: referrer`);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
}

for (const engine of testEngines()) {
  describe(`public pages (${engine})`, () => {
    let ctx: TestContext;
    let published: string;
    before(async () => {
      ctx = await createTestContext(engine);
      const receipt = await submitDeclaration(ctx, {
        names: ['发扬', '学习'],
        headcount: 4,
        orgs: ['party', 'league'],
        title: '我宣布退出中共',
        region: '广东',
        statement: '愿国家早日开放。\n<b>不再沉默</b>',
      });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      published = receipt.registrationNumber;
    });
    after(() => ctx.close());

    test('/ picks the language from Accept-Language', async () => {
      const cases = [
        [undefined, '/zh-hans/'],
        ['en-GB,en;q=0.9', '/en/'],
        ['zh-TW,zh;q=0.9', '/zh-hant/'],
        ['zh-CN', '/zh-hans/'],
        ['de-DE', '/zh-hans/'],
      ] as const;
      for (const [language, location] of cases) {
        const response = await ctx.app.request('/', { headers: language ? { 'accept-language': language } : {} });
        assert.equal(response.status, 302);
        assert.equal(response.headers.get('location'), location, String(language));
        assert.match(response.headers.get('vary') ?? '', /Accept-Language/);
      }
    });

    for (const locale of LOCALES) {
      for (const page of PAGES) {
        test(`${locale}${page}: 200, secure headers, no script, no third party`, async () => {
          const response = await ctx.app.request(`/${locale}${page}`);
          assert.equal(response.status, 200);
          assertSecurityHeaders(response, page);
          const html = await response.text();
          assert.match(html, /^<!doctype html><html lang="(zh-Hans|zh-Hant|en)">/);
          // The form's only script is our own file; the form works without it.
          assert.doesNotMatch(page === '/declare' ? html.replace('<script src="/pow.js" defer=""></script>', '') : html, /<script/i);
          assert.doesNotMatch(html, /(src|href|action)="(https?:)?\/\//, 'no resource from another origin');
          const hash = /style-src 'sha256-([^']+)'/.exec(response.headers.get('content-security-policy')!)![1];
          const sheet = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? '';
          assert.equal(createHash('sha256').update(sheet).digest('base64'), hash, 'the CSP hash is that of the inline style sheet');
          assert.ok(Buffer.byteLength(html) < 30 * 1024, `${page} is ${Buffer.byteLength(html)} bytes`);
        });
      }
      test(`${locale}: the language links lead to the same page in other languages`, async () => {
        const html = await (await ctx.app.request(`/${locale}/receipt`)).text();
        for (const other of LOCALES) assert.match(html, new RegExp(`href="/${other}/receipt"`));
      });
    }

    test('console pages get a fresh nonce on every response; public pages one fixed policy', async () => {
      const policyOf = async (path: string) => (await ctx.app.request(path)).headers.get('content-security-policy');
      const [a, b] = [await policyOf('/console/sign-in'), await policyOf('/console/sign-in')];
      assert.match(a ?? '', /script-src 'nonce-[A-Za-z0-9+/=]+'/);
      assert.notEqual(a, b);
      assert.equal(await policyOf('/en/'), await policyOf('/zh-hans/receipt'));
    });

    test('the home page lists the latest declarations, in the reader’s script', async () => {
      const html = await (await ctx.app.request('/zh-hant/')).text();
      assert.match(html, new RegExp(`<a href="/zh-hant/declarations/${published}">我宣佈退出中共</a>`));
      assert.match(html, /最新聲明/);
    });

    test('the home page links to the declaration form and the receipt check', async () => {
      const html = await (await ctx.app.request('/en/')).text();
      assert.match(html, /href="\/en\/declare"/);
      assert.match(html, /href="\/en\/receipt"/);
    });

    test('a published permalink, in the reader’s script', async () => {
      const hans = await (await ctx.app.request(`/zh-hans/declarations/${published}`)).text();
      assert.match(hans, /发扬、学习等 4 人/);
      assert.match(hans, /愿国家早日开放/);
      const hant = await ctx.app.request(`/zh-hant/declarations/${published}`);
      assert.equal(hant.status, 200);
      assertSecurityHeaders(hant, 'permalink');
      const hantHtml = await hant.text();
      assert.match(hantHtml, /發揚、學習等 4 人/);
      assert.match(hantHtml, /願國家早日開放/);
      assert.match(hantHtml, /廣東/);
      assert.match(hantHtml, /&lt;b&gt;不再沉默&lt;\/b&gt;/, 'statement HTML is text');
      const en = await (await ctx.app.request(`/en/declarations/${published}`)).text();
      assert.match(en, /发扬, 学习 and 2 others/);
      assert.match(en, /Chinese Communist Party, Communist Youth League/);
    });

    test('pending, rejected, unknown and malformed permalinks are 404 in the page language', async () => {
      const pending = await submitDeclaration(ctx);
      const rejected = await submitDeclaration(ctx);
      await ctx.services.moderation.reject(SYSTEM_ACTOR, [rejected.registrationNumber], 'duplicate');
      for (const number of [pending.registrationNumber, rejected.registrationNumber, '4111111111111111', "1' or '1'='1", '%00']) {
        const response = await ctx.app.request(`/zh-hant/declarations/${encodeURIComponent(number)}`);
        assert.equal(response.status, 404, number);
        assert.match(await response.text(), /找不到這個頁面/);
      }
    });

    test('unknown paths are a localized 404, never a 500', async () => {
      for (const [path, text] of [
        ['/en/nothing-here', 'Page not found'],
        ['/zh-hans/x/y/z', '找不到这个页面'],
        ['/favicon.ico', '找不到这个页面'],
      ] as const) {
        const response = await ctx.app.request(path);
        assert.equal(response.status, 404, path);
        assert.match(await response.text(), new RegExp(text));
      }
    });
  });
}
