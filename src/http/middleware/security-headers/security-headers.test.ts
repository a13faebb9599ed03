import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { prepareResponse, servePrepared } from '../../fast-lane/prepared-response.ts';
import { API_SECURITY_HEADERS, FIXED_HEADERS, PUBLIC_SECURITY_HEADERS, PUBLIC_STYLE_HASH } from './policy.ts';
import { securityHeaders } from './security-headers.ts';

function app() {
  const app = new Hono<AppEnv>();
  app.use(securityHeaders());
  app.get('/en/', (c) => c.html('<p>home</p>'));
  app.get('/en/feeds/latest.atom', (c) => c.text('<feed/>'));
  app.get('/console/page', (c) => c.text(c.get('cspNonce') ?? 'no nonce'));
  app.get('/api/v1/counter', (c) => c.json({ total: 1 }));
  app.post('/api/v1/declarations', (c) => c.json({}, 201));
  app.get('/api/v1/declarations', (c) => c.json([]));
  app.get('/stat/statics', (c) => c.text('TOTAL=1'));
  const prepared = prepareResponse('<p>prepared</p>', 'text/html; charset=UTF-8', 'no-cache', { 'X-Prepared': 'yes' });
  app.get('/en/prepared', (c) => servePrepared(c, prepared));
  return app;
}

const csp = (response: Response) => response.headers.get('content-security-policy') ?? '';

test('a public page carries the fixed policy: one style sheet by its hash, no script, the same on every response', async () => {
  const first = await app().request('/en/');
  const second = await app().request('/en/');
  for (const [name, value] of Object.entries(PUBLIC_SECURITY_HEADERS)) assert.equal(first.headers.get(name), value, name);
  assert.match(csp(first), new RegExp(`style-src ${PUBLIC_STYLE_HASH.replace(/[+/]/g, '\\$&')}`));
  assert.match(csp(first), /script-src 'none'/);
  assert.match(csp(first), /frame-ancestors 'none'/);
  assert.equal(csp(first), csp(second));
  assert.equal(first.headers.get('access-control-allow-origin'), null);
});

test('a console page gets a fresh nonce for its style and script, which the page reads from the context', async () => {
  const first = await app().request('/console/page');
  const second = await app().request('/console/page');
  const nonce = await first.text();
  assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
  assert.notEqual(nonce, await second.text(), 'a nonce per response');
  assert.match(csp(first), new RegExp(`script-src 'nonce-${nonce.replace(/[+/]/g, '\\$&')}'`));
  assert.match(csp(first), new RegExp(`style-src 'nonce-${nonce.replace(/[+/]/g, '\\$&')}' ${PUBLIC_STYLE_HASH.replace(/[+/]/g, '\\$&')}`));
  for (const [name, value] of Object.entries(FIXED_HEADERS)) assert.equal(first.headers.get(name), value, name);
  assert.notEqual(csp(first), PUBLIC_SECURITY_HEADERS['Content-Security-Policy']);
});

test('API responses carry the API set: data, never a document to render', async () => {
  for (const [method, path] of [
    ['POST', '/api/v1/declarations'],
    ['GET', '/api/v1/counter'],
    ['GET', '/stat/statics'],
  ] as const) {
    const response = await app().request(path, { method });
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) {
      if (name !== 'Cross-Origin-Resource-Policy') assert.equal(response.headers.get(name), value, `${path} ${name}`);
    }
    assert.equal(csp(response), "default-src 'none'; frame-ancestors 'none'", path);
    assert.equal(response.headers.get('permissions-policy'), null, `${path}: document-only headers stay off`);
  }
  const post = await app().request('/api/v1/declarations', { method: 'POST' });
  assert.equal(post.headers.get('cross-origin-resource-policy'), 'same-origin');
  assert.equal(post.headers.get('access-control-allow-origin'), null);
});

test('a public read is opened to other origins, the API as data and a feed as a public document', async () => {
  const counter = await app().request('/api/v1/counter');
  assert.equal(counter.headers.get('access-control-allow-origin'), '*');
  assert.equal(counter.headers.get('cross-origin-resource-policy'), 'cross-origin');
  const feed = await app().request('/en/feeds/latest.atom');
  assert.equal(feed.headers.get('access-control-allow-origin'), '*');
  assert.equal(csp(feed), PUBLIC_SECURITY_HEADERS['Content-Security-Policy']);
});

test('a prepared response already carries its headers and is left alone', async () => {
  const response = await app().request('/en/prepared');
  assert.equal(response.headers.get('x-prepared'), 'yes');
  assert.equal(response.headers.get('content-security-policy'), null);
  assert.equal(response.headers.get('x-frame-options'), null);
});
