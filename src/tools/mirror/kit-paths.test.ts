import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kitFile, kitLink, normalizeBasePath } from './kit-paths.ts';
import { mirrorPolicy, rewriteHtml } from './rewrite-html.ts';

test('pages become files named in full; data keeps or gains an extension; the log keeps its names', () => {
  assert.equal(kitFile('/en/', '', 'text/html; charset=UTF-8'), 'en/index.html');
  assert.equal(kitFile('/en', '', 'text/html'), 'en/index.html');
  assert.equal(kitFile('/en/statistics', '', 'text/html'), 'en/statistics/index.html');
  assert.equal(kitFile('/en/declarations', 'before=abc', 'text/html'), 'en/declarations/index.before~3dabc.html');
  assert.match(kitFile('/en/declarations', `before=${'x'.repeat(200)}`, 'text/html'), /^en\/declarations\/index\.[0-9a-f]{32}\.html$/);
  assert.equal(kitFile('/api/v1/counter', '', 'application/json; charset=UTF-8'), 'api/v1/counter.json');
  assert.equal(kitFile('/stat/statics', '', 'application/xml'), 'stat/statics.xml');
  assert.equal(kitFile('/en/feeds/latest.atom', '', 'application/atom+xml'), 'en/feeds/latest.atom');
  assert.equal(kitFile('/log/checkpoint', '', 'text/plain'), 'log/checkpoint');
});

test('links are relative, or absolute under a base path', () => {
  assert.equal(kitLink('en/index.html', 'en/statistics/index.html', null), 'statistics/index.html');
  assert.equal(kitLink('en/statistics/index.html', 'zh-hans/statistics/index.html', null), '../../zh-hans/statistics/index.html');
  assert.equal(kitLink('en/index.html', 'en/index.html', null), 'index.html');
  assert.equal(kitLink('en/index.html', 'favicon.svg', '/x/'), '/x/favicon.svg');
  assert.equal(normalizeBasePath('x'), '/x/');
  assert.equal(normalizeBasePath('/a/b/'), '/a/b/');
  assert.equal(normalizeBasePath('/'), '/');
});

test('a page: kit links, the site for the rest, forms to the submission origin, no frozen token', () => {
  const html =
    '<head><a href="/en/statistics">s</a><a href="/en/search?q=a&amp;b=1">q</a><a href="https://other.example/x">o</a>' +
    '<form method="post" action="/en/declare"><input type="hidden" name="submission" value="tok"/><button formaction="/en/declare#s">a</button></form>';
  const out = rewriteHtml(html, 'en/index.html', {
    fileOf: (path) => (path === '/en/statistics' ? 'en/statistics/index.html' : null),
    link: (from, to) => kitLink(from, to, null),
    siteUrl: 'https://site.example',
    formUrl: 'https://submit.example',
  });
  assert.match(out, /href="statistics\/index.html"/);
  assert.match(out, /href="https:\/\/site.example\/en\/search\?q=a&amp;b=1"/);
  assert.match(out, /href="https:\/\/other.example\/x"/);
  assert.match(out, /action="https:\/\/submit.example\/en\/declare"/);
  assert.match(out, /formaction="https:\/\/submit.example\/en\/declare#s"/);
  assert.doesNotMatch(out, /submission/);
  assert.equal(
    mirrorPolicy("default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", 'https://submit.example'),
    "default-src 'self'; form-action https://submit.example; base-uri 'none'",
  );
});
