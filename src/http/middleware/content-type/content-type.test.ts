import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { FORM_TYPES, JSON_TYPES, isAllowedContentType, requireContentType } from './content-type.ts';

function app() {
  const app = new Hono<AppEnv>();
  app.post(
    '/form',
    requireContentType(FORM_TYPES, (c) => c.text('unsupported', 415)),
    (c) => c.text('read'),
  );
  app.post(
    '/json',
    requireContentType(JSON_TYPES, (c) => c.text('unsupported', 415)),
    (c) => c.text('read'),
  );
  return app;
}

const post = (path: string, contentType?: string) =>
  app().request(path, { method: 'POST', body: 'a=1', headers: contentType === undefined ? {} : { 'content-type': contentType } });

test('a form route reads url-encoded and multipart bodies, in UTF-8 or with no charset named', async () => {
  for (const type of [
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=UTF-8',
    'Application/X-WWW-Form-Urlencoded;charset="utf8"',
    'multipart/form-data; boundary=x',
  ]) {
    assert.equal((await post('/form', type)).status, 200, type);
  }
});

test('a form route refuses another type with 415 before the handler runs', async () => {
  for (const type of ['application/json', 'text/plain', 'text/html; charset=utf-8', 'application/x-www-form-urlencodedx', '']) {
    const response = await post('/form', type);
    assert.equal(response.status, 415, type);
    assert.equal(await response.text(), 'unsupported', type);
  }
});

test('another charset than UTF-8 is refused', async () => {
  for (const type of ['application/x-www-form-urlencoded; charset=iso-8859-1', 'application/x-www-form-urlencoded; charset=gb2312']) {
    assert.equal((await post('/form', type)).status, 415, type);
  }
  assert.equal((await post('/json', 'application/json; charset=utf-16')).status, 415);
});

test('a JSON route takes JSON only', async () => {
  assert.equal((await post('/json', 'application/json')).status, 200);
  assert.equal((await post('/json', 'application/json; charset="UTF-8"')).status, 200);
  assert.equal((await post('/json', 'application/x-www-form-urlencoded')).status, 415);
});

test('a missing Content-Type is refused', async () => {
  const response = await app().request('/form', { method: 'POST', body: new Uint8Array([1, 2, 3]) });
  assert.equal(response.status, 415);
});

test('isAllowedContentType, the check the fast lane shares', () => {
  assert.equal(isAllowedContentType(undefined, FORM_TYPES), false);
  assert.equal(isAllowedContentType('multipart/form-data; boundary=----x; charset=utf-8', FORM_TYPES), true);
  assert.equal(isAllowedContentType('application/json;charset=latin1', JSON_TYPES), false);
});
