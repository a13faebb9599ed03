import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { noStore } from './no-store.ts';

function app() {
  const app = new Hono();
  app.use('/secret/*', noStore());
  app.get('/secret/receipt', (c) => c.text('password', 200, { 'Cache-Control': 'public, max-age=3600' }));
  app.get('/secret/gone', (c) => c.text('gone', 410));
  app.get('/public', (c) => c.text('page', 200, { 'Cache-Control': 'public, max-age=60' }));
  return app;
}

test('a page behind noStore is never stored, whatever its handler said', async () => {
  const response = await app().request('/secret/receipt');
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.equal(await response.text(), 'password');
  assert.equal((await app().request('/secret/gone')).headers.get('cache-control'), 'no-store', 'errors too');
});

test('other pages keep their own caching', async () => {
  assert.equal((await app().request('/public')).headers.get('cache-control'), 'public, max-age=60');
});
