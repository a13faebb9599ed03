import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { bodyLimit } from './body-limit.ts';

const LIMIT = 16;

function app() {
  const app = new Hono<AppEnv>();
  app.use(bodyLimit(LIMIT, (c) => c.text('too large', 413)));
  app.post('/', async (c) => c.text(`read ${(await c.req.text()).length}`));
  app.get('/', (c) => c.text('page'));
  return app;
}

/** A body of unknown length, as a client sends it chunked: no Content-Length. */
function chunked(...chunks: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
}

function post(body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return app().request(new Request('http://localhost/', { method: 'POST', body, headers, duplex: 'half' }));
}

test('a declared Content-Length over the limit is refused with 413, the body unread', async () => {
  const response = await post('x'.repeat(LIMIT + 1), { 'content-length': String(LIMIT + 1) });
  assert.equal(response.status, 413);
  assert.equal(await response.text(), 'too large');
});

test('a body at the limit reaches the handler', async () => {
  const response = await post('x'.repeat(LIMIT), { 'content-length': String(LIMIT) });
  assert.equal(response.status, 200);
  assert.equal(await response.text(), `read ${LIMIT}`);
});

test('a Content-Length that is not a number is refused', async () => {
  const response = await post('x', { 'content-length': '1e3' });
  assert.equal(response.status, 413);
});

test('a chunked body is counted as it is read: over the limit is 413, under it passes', async () => {
  const over = await post(chunked('x'.repeat(10), 'x'.repeat(10)));
  assert.equal(over.headers.get('content-length'), null);
  assert.equal(over.status, 413);
  const under = await post(chunked('x'.repeat(5), 'x'.repeat(5)));
  assert.equal(under.status, 200);
  assert.equal(await under.text(), 'read 10');
});

test('a small Content-Length does not vouch for a chunked body', async () => {
  const response = await post(chunked('x'.repeat(LIMIT), 'x'.repeat(LIMIT)), { 'content-length': '3', 'transfer-encoding': 'chunked' });
  assert.equal(response.status, 413);
});

test('reads carry no body and pass untouched', async () => {
  const response = await app().request('/', { headers: { 'content-length': String(LIMIT * 10) } });
  assert.equal(response.status, 200);
  assert.equal(await response.text(), 'page');
});
