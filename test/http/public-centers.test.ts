import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/http/env.ts';
import { LOCALES } from '../../src/i18n/index.ts';
import { centersRepository, type CenterFields } from '../../src/repositories/centers-repository.ts';
import { testEngines } from '../helpers/databases.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** The real app, which mounts the directory under each locale prefix. */
function appWithDirectory(ctx: TestContext): Hono<AppEnv> {
  return ctx.app;
}

function center(fields: Partial<CenterFields> = {}): CenterFields {
  return {
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
    ...fields,
  };
}

/** Inserts a center and lets a second pass: the directory is read at most once a second. */
async function insert(ctx: TestContext, fields: Partial<CenterFields>): Promise<number> {
  const id = await centersRepository.insert(ctx.services.database.db, { ...center(fields), at: new Date() });
  ctx.clock.advance(1000);
  return id;
}

/**
 * Everything that would make the browser fetch something: only same-page anchors, locale links and tel:/mailto: may
 * appear, and in the head the site's own icon and feed.
 */
function assertLoadsNothing(html: string) {
  assert.doesNotMatch(html, /<(script|img|iframe|object|embed)\b/i);
  for (const link of html.match(/<link [^>]*>/gi) ?? []) assert.match(link, /^<link rel="(icon|alternate)" [^>]*href="\/[^/]/);
  assert.doesNotMatch(html, /<[^>]*\ssrc=/i);
  for (const [, href] of html.matchAll(/href="([^"]*)"/g)) {
    assert.match(href!, /^(\/|#|tel:\+?[0-9]+$|mailto:)/, href);
  }
}

for (const engine of testEngines()) {
  describe(`public centers directory (${engine})`, () => {
    let ctx: TestContext;
    let app: Hono<AppEnv>;

    before(async () => {
      ctx = await createTestContext(engine);
      app = appWithDirectory(ctx);
    });
    after(() => ctx.close());

    test('with no public center, an empty-state sentence in every locale', async () => {
      await insert(ctx, { name: 'Unlisted', isPublic: false });
      const expected = {
        'zh-hans': '目前还没有公开的服务中心',
        'zh-hant': '目前還沒有公開的服務中心',
        en: 'No service centres are listed yet',
      };
      for (const locale of LOCALES) {
        const response = await app.request(`/${locale}/centers`);
        assert.equal(response.status, 200);
        const html = await response.text();
        assert.match(html, /id="no-centers"/);
        assert.ok(html.includes(expected[locale]), locale);
        assert.ok(!html.includes('Unlisted'));
      }
    });

    test('lists only public centers, grouped by country, with hotlines, in all three locales', async () => {
      await insert(ctx, {
        name: '多伦多退党服务中心',
        city: '多伦多',
        country: '加拿大',
        hotlines: ['+1 416 555 0100', '+1 416 555 0101'],
        fax: '+1 416 555 0102',
        email: 'toronto@example.org',
        address: '100 Queen St W\nToronto',
        openingHours: '每天 9:00–21:00',
      });
      await insert(ctx, { name: '纽约退党服务中心' });
      await insert(ctx, { name: 'Secret center', city: 'Nowhere', country: '美国', hotlines: ['+1 999 555 0199'], isPublic: false });

      const titles = { 'zh-hans': '服务中心', 'zh-hant': '服務中心', en: 'Service centres' };
      const hotline = { 'zh-hans': '热线电话：', 'zh-hant': '熱線電話：', en: 'Hotlines: ' };
      const separator = { 'zh-hans': '、', 'zh-hant': '、', en: ', ' };
      for (const locale of LOCALES) {
        const response = await app.request(`/${locale}/centers`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
        assert.match(response.headers.get('content-type') ?? '', /text\/html; charset=UTF-8/i);
        const html = await response.text();
        assert.ok(html.startsWith('<!doctype html>'));
        assert.ok(html.includes(`<h1>${titles[locale]}</h1>`), locale);
        assert.ok(html.includes(`${hotline[locale]}<a href="tel:+14165550100">`), locale);
        assert.ok(!html.includes('Secret center') && !html.includes('+1 999 555 0199'), 'unlisted centers stay unlisted');
        assert.ok(
          html.includes(`<a href="tel:+14165550100">+1 416 555 0100</a>${separator[locale]}<a href="tel:+14165550101">+1 416 555 0101</a>`),
          locale,
        );
        assert.match(html, /<a href="tel:\+12125550100">\+1 \(212\) 555-0100<\/a>/);
        assert.match(html, /<a href="mailto:toronto@example.org">toronto@example.org<\/a>/);
        assert.match(html, /100 Queen St W<br\/?>Toronto/);
        assert.match(html, /\+1 416 555 0102/);
        // Language links stay on this page.
        for (const other of LOCALES) assert.ok(html.includes(`href="/${other}/centers"`), other);
        assertLoadsNothing(html);
      }

      const hans = await (await app.request('/zh-hans/centers')).text();
      const canada = hans.indexOf('<h2>加拿大</h2>');
      const usa = hans.indexOf('<h2>美国</h2>');
      assert.ok(canada > 0 && usa > canada, 'one heading per country, in directory order');
      assert.ok(hans.indexOf('多伦多退党服务中心') > canada && hans.indexOf('多伦多退党服务中心') < usa);
      assert.ok(hans.indexOf('纽约退党服务中心') > usa);
      assert.match(hans, /<a href="#country-1">加拿大<\/a><a href="#country-2">美国<\/a>/);

      // Chinese text is shown in the reader's script, as on declaration pages.
      const hant = await (await app.request('/zh-hant/centers')).text();
      assert.ok(hant.includes('<h2>美國</h2>'));
      assert.ok(hant.includes('紐約退黨服務中心'));
    });

    test('escapes a hostile name and address', async () => {
      await insert(ctx, {
        name: '<script>alert("x")</script>',
        city: '"><img src=x>',
        country: 'Zz <b>',
        address: "<a href='//evil.example'>x</a>",
        hotlines: ['+1 555 0100'],
      });
      for (const locale of LOCALES) {
        const html = await (await app.request(`/${locale}/centers`)).text();
        assert.ok(!html.includes('<script>'), locale);
        assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'), locale);
        assert.ok(html.includes('&quot;&gt;&lt;img src=x&gt;'), locale);
        assert.ok(html.includes('Zz &lt;b&gt;'), locale);
        assertLoadsNothing(html);
      }
    });
  });

  describe(`public centers directory, 100 centers (${engine})`, () => {
    let ctx: TestContext;
    let app: Hono<AppEnv>;

    before(async () => {
      ctx = await createTestContext(engine);
      app = appWithDirectory(ctx);
      const countries = ['美国', '加拿大', '英国', '德国', '法国', '澳大利亚', '日本', '台湾', '香港', '新西兰'];
      // A typical center, like the one in test/helpers/console.ts: one hotline and its languages;
      // half also give an e-mail address, and every fourth fills in everything.
      for (let i = 0; i < 100; i++) {
        const n = String(i).padStart(2, '0');
        const full = i % 4 === 0;
        await insert(ctx, {
          name: `第${n}号退党服务中心`,
          city: `City ${n}`,
          country: countries[i % countries.length]!,
          hotlines: full ? [`+1 212 555 01${n}`, `+1 212 555 02${n}`] : [`+1 212 555 01${n}`],
          email: i % 2 === 0 ? `center${n}@example.org` : null,
          languages: '中文、English',
          ...(full ? { fax: `+1 212 555 03${n}`, address: `${n} Example Street\nSpringfield`, openingHours: '周一至周五 9:00–18:00' } : {}),
        });
      }
    });
    after(() => ctx.close());

    test('the page stays under 30 KB in every locale', async (t) => {
      for (const locale of LOCALES) {
        const html = await (await app.request(`/${locale}/centers`)).text();
        const bytes = Buffer.byteLength(html);
        assert.equal([...html.matchAll(/<h3>/g)].length, 100, locale);
        t.diagnostic(`${locale}: ${bytes} bytes`);
        assert.ok(bytes < 30 * 1024, `${locale}: ${bytes} bytes`);
      }
    });
  });
}
