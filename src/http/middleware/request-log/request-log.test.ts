import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { Hono } from 'hono';
import { createLogger } from '../../../logging/logger.ts';
import type { AppEnv } from '../../env.ts';
import { prepareResponse, servePrepared } from '../../fast-lane/prepared-response.ts';
import { requestLog } from './request-log.ts';

/** An app whose log lines are kept, parsed, in `lines`. */
function logged(level: string) {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      raw.push(String(chunk));
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = new Hono<AppEnv>();
  app.use(requestLog(createLogger(level, destination)));
  app.get('/items/:id', (c) => c.text(`item ${c.get('requestId')}`));
  app.post('/items', (c) => c.text('refused', 422));
  const counter = prepareResponse('{}', 'application/json', 'no-cache');
  app.get('/counter', (c) => servePrepared(c, counter));
  return { app, lines, raw };
}

const REVEALING = {
  'user-agent': 'Mozilla/5.0 (Secret Phone) UA-FINGERPRINT',
  'x-forwarded-for': '203.0.113.7',
  'x-real-ip': '198.51.100.9',
  cookie: 'tuidang_staff=session-secret',
};

test('each request is logged with its method, route, status and duration, and gets an id', async () => {
  const { app, lines } = logged('debug');
  const response = await app.request('/items/42?name=%E5%BC%A0%E4%B8%89&password=hunter2', { headers: REVEALING });
  const id = response.headers.get('x-request-id');
  assert.match(id ?? '', /^[0-9a-f-]{36}$/);
  assert.equal(await response.text(), `item ${id}`, 'handlers see the same id');
  assert.equal(lines.length, 1);
  const [line] = lines;
  assert.equal(line!.msg, 'request');
  assert.equal(line!.requestId, id);
  assert.equal(line!.method, 'GET');
  assert.equal(line!.route, '/items/:id', 'the route pattern, not the path with its values');
  assert.equal(line!.status, 200);
  assert.equal(typeof line!.ms, 'number');
  await app.request('/items', { method: 'POST', headers: REVEALING });
  assert.deepEqual([lines[1]!.method, lines[1]!.route, lines[1]!.status], ['POST', '/items', 422]);
});

test('nothing that could identify a person is written: no address, user agent, cookie or query string', async () => {
  const { app, lines, raw } = logged('debug');
  await app.request('/items/42?name=%E5%BC%A0%E4%B8%89&password=hunter2', { headers: REVEALING });
  assert.equal(lines.length, 1);
  assert.deepEqual(Object.keys(lines[0]!).sort(), ['level', 'method', 'ms', 'msg', 'requestId', 'route', 'status', 'time']);
  const text = raw.join('');
  for (const secret of [
    '203.0.113.7',
    '198.51.100.9',
    'Secret Phone',
    'UA-FINGERPRINT',
    'session-secret',
    'hunter2',
    'name=',
    '张三',
    '%E5',
  ]) {
    assert.ok(!text.includes(secret), secret);
  }
});

test('at the default level only slow requests are written, as warnings', async (t) => {
  const { app, lines } = logged('info');
  await app.request('/items/1');
  assert.equal(lines.length, 0, 'a fast request is not written');
  let now = 0;
  t.mock.method(performance, 'now', () => (now += 1500));
  await app.request('/items/1');
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.msg, 'slow request');
  assert.equal(lines[0]!.level, 40);
  assert.equal(lines[0]!.ms, 1500);
});

test('a prepared response is shared, so it gets no per-request header', async () => {
  const { app, lines } = logged('debug');
  const response = await app.request('/counter');
  assert.equal(response.headers.get('x-request-id'), null);
  assert.equal(lines[0]!.route, '/counter');
});
