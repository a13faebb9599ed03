import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { LOCALES } from '../../src/i18n/index.ts';
import { testEngines } from '../helpers/databases.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const HELP_PAGES = ['/resources', '/terms', '/privacy', '/about'];

/** Every src, href and action of a page: none may name another origin (a scheme, or // that borrows ours). */
function foreignTargets(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href|action|formaction|srcset|poster|data)="([^"]*)"/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^(\/(?!\/)|#|\?)/.test(target) && !/^(tel|mailto):/.test(target));
}

for (const engine of testEngines()) {
  describe(`help pages (${engine})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(engine);
    });
    after(() => ctx.close());

    for (const locale of LOCALES) {
      for (const page of HELP_PAGES) {
        test(`/${locale}${page}: 200, no script, nothing from another origin, under 30 KB`, async () => {
          const response = await ctx.app.request(`/${locale}${page}`);
          assert.equal(response.status, 200);
          assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'.*script-src 'none'/);
          const html = await response.text();
          assert.match(html, /^<!doctype html><html lang="(zh-Hans|zh-Hant|en)">/);
          assert.doesNotMatch(html, /<script|<img|<iframe/i);
          // The only links in the head are the site's icon and feed, both on this origin (checked just below).
          for (const link of html.match(/<link [^>]*>/gi) ?? []) assert.match(link, /^<link rel="(icon|alternate)" [^>]*href="\/[^/]/);
          assert.deepEqual(foreignTargets(html), [], 'no src, href or action leads to another origin');
          assert.ok(Buffer.byteLength(html) < 30 * 1024, `${page} is ${Buffer.byteLength(html)} bytes`);
          for (const other of LOCALES) assert.match(html, new RegExp(`href="/${other}${page}"`), 'the language links stay on the page');
        });
      }

      test(`/${locale}: every public page's footer links the resources, the centers' contacts and the help pages`, async () => {
        for (const page of [
          '/',
          '/declare',
          '/receipt',
          '/centers',
          '/declarations',
          '/statistics',
          '/support',
          '/about',
          '/contact',
          '/newsletter',
          '/nowhere',
        ]) {
          const html = await (await ctx.app.request(`/${locale}${page}`)).text();
          const footer = /<footer>(.*)<\/footer>/s.exec(html)?.[1] ?? '';
          for (const target of ['/resources', '/centers', '/contact', '/about', '/terms', '/privacy']) {
            assert.match(footer, new RegExp(`href="/${locale}${target}"`), `${page} links ${target}`);
          }
        }
      });

      test(`/${locale}: the forms that ask for consent link the terms and the privacy notice`, async () => {
        for (const page of ['/declare', '/support']) {
          const html = await (await ctx.app.request(`/${locale}${page}`)).text();
          const form = /<form method="post"(.*?)<\/form>/s.exec(html)?.[1] ?? '';
          assert.match(form, new RegExp(`href="/${locale}/terms"`), `${page}: terms`);
          assert.match(form, new RegExp(`href="/${locale}/privacy"`), `${page}: privacy`);
        }
      });
    }

    test('the shipped resources text explains Freegate, UltraSurf, Tor bridges by email and the centers, in each language', async () => {
      for (const locale of LOCALES) {
        const html = await (await ctx.app.request(`/${locale}/resources`)).text();
        for (const words of ['Freegate', 'UltraSurf', 'Tor', 'bridges@torproject.org', 'gettor@torproject.org', 'Snowflake']) {
          assert.ok(html.includes(words), `${locale}: ${words}`);
        }
        assert.match(html, new RegExp(`<a href="/${locale}/centers">`), `${locale}: the centers' contacts`);
        assert.match(html, /<h2>/);
        assert.match(html, /<ol><li>/, 'the Tor steps are numbered');
        assert.doesNotMatch(html, /id="addresses"/, 'no address is listed before the operator lists one');
        // The text says "the addresses listed above": with none, the page says there are none yet and whom to ask.
        assert.match(html, /<p class="hint" id="no-addresses">[^<]*(服务中心|服務中心|service centre)/, `${locale}: no addresses yet`);
      }
    });

    test('the addresses the operator lists are shown, linked as listed, and gone once removed', async () => {
      const { resources } = ctx.services;
      const onion = await resources.addLink(SYSTEM_ACTOR, {
        url: 'http://exampleonionaddressxyz234567abcdefghijklmnopqrstuvwxy.onion/',
        kind: 'onion',
        label: '',
      });
      const mirror = await resources.addLink(SYSTEM_ACTOR, { url: 'https://mirror.example.net', kind: 'mirror', label: '镜像一' });
      assert.ok(onion.ok && mirror.ok);
      const html = await (await ctx.app.request('/zh-hans/resources')).text();
      const box = /<section class="counter" id="addresses">(.*?)<\/section>/s.exec(html)?.[1] ?? '';
      assert.match(box, /镜像一：<a href="https:\/\/mirror\.example\.net\/" class="address">/);
      assert.match(box, /<a href="http:\/\/exampleonionaddressxyz234567abcdefghijklmnopqrstuvwxy\.onion\/" class="address">/);
      assert.deepEqual(
        foreignTargets(html).sort(),
        ['http://exampleonionaddressxyz234567abcdefghijklmnopqrstuvwxy.onion/', 'https://mirror.example.net/'],
        'the only outside links are the listed addresses',
      );
      assert.doesNotMatch(html, /\s(src|action)="https?:/);
      assert.doesNotMatch(html, /id="no-addresses"/, 'no “none yet” beside a list');
      for (const added of [onion, mirror]) if (added.ok) assert.ok((await resources.removeLink(SYSTEM_ACTOR, added.value)).ok);
      assert.doesNotMatch(await (await ctx.app.request('/zh-hans/resources')).text(), /id="addresses"|mirror\.example/);
    });
  });
}
