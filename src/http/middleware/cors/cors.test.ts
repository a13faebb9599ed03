import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { PUBLIC_READ_ROUTES } from '../security-headers/policy.ts';
import { securityHeaders } from '../security-headers/security-headers.ts';
import { publicReadPreflight } from './cors.ts';

/** Mounted as the registry mounts it: the preflight on the public reads, the headers on every answer. */
function app() {
  const app = new Hono<AppEnv>({ strict: false });
  app.use(securityHeaders());
  app.on('OPTIONS', [...PUBLIC_READ_ROUTES], publicReadPreflight());
  app.on(['GET', 'POST'], '*', (c) => c.text('answer'));
  app.on('OPTIONS', '*', (c) => c.body(null, 404));
  return app;
}

const OTHER_SITE = { origin: 'https://widgets.example.net', 'access-control-request-method': 'GET' };

test('each public read answers a preflight: reads only, no credentials, cached for a day', async () => {
  const paths = PUBLIC_READ_ROUTES.map((route) => route.replace(/:[^/]+/g, '2024120112345678'));
  assert.ok(paths.includes('/api/v1/counter') && paths.includes('/stat/statics') && paths.includes('/en/feeds/latest.atom'));
  for (const path of [...paths, '/api/v1/counter/']) {
    const response = await app().request(path, { method: 'OPTIONS', headers: OTHER_SITE });
    assert.equal(response.status, 204, path);
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET, HEAD', path);
    assert.equal(response.headers.get('access-control-allow-headers'), 'Accept, Accept-Language, If-None-Match, If-Modified-Since', path);
    assert.equal(response.headers.get('access-control-allow-origin'), '*', path);
    assert.equal(response.headers.get('access-control-allow-credentials'), null, path);
    assert.equal(response.headers.get('access-control-max-age'), '86400', path);
  }
});

test('a public read is readable from any origin', async () => {
  for (const path of ['/api/v1/counter', '/api/v1/declarations/2024120112345678', '/zh-hant/feeds/featured.atom']) {
    const response = await app().request(path, { headers: { origin: OTHER_SITE.origin } });
    assert.equal(response.headers.get('access-control-allow-origin'), '*', path);
  }
});

test('nothing else is opened: other paths, and writes to a public read path', async () => {
  for (const path of [
    '/api/v1/receipts/lookup',
    '/en/',
    '/en/declare',
    '/console/sign-in',
    '/api/v1/counterx',
    '/api/v1/declarations/1/2',
  ]) {
    const preflight = await app().request(path, { method: 'OPTIONS', headers: OTHER_SITE });
    assert.equal(preflight.status, 404, path);
    assert.equal(preflight.headers.get('access-control-allow-methods'), null, path);
    const read = await app().request(path, { headers: { origin: OTHER_SITE.origin } });
    assert.equal(read.headers.get('access-control-allow-origin'), null, path);
  }
  const write = await app().request('/api/v1/declarations', { method: 'POST', headers: { origin: OTHER_SITE.origin } });
  assert.equal(write.headers.get('access-control-allow-origin'), null);
  assert.notEqual(write.headers.get('cross-origin-resource-policy'), 'cross-origin');
});
