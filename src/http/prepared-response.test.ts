import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PreparedByInputs, PreparedLru, prepareResponse } from './prepared-response.ts';

describe('prepared responses', () => {
  it('carry the security headers, an ETag of the body and the body as bytes', () => {
    const response = prepareResponse('<p>你好</p>', 'text/html; charset=UTF-8', 'public, max-age=5');
    assert.equal(Buffer.from(response.body).toString('utf8'), '<p>你好</p>');
    assert.match(response.headers.ETag!, /^"[A-Za-z0-9_-]{22}"$/);
    assert.match(response.headers['Content-Security-Policy']!, /script-src 'none'/);
    assert.equal(response.headers['X-Frame-Options'], 'DENY');
    assert.equal(prepareResponse('<p>你好</p>', 'text/html', 'x').etag, response.etag, 'same body, same ETag');
  });

  it('PreparedByInputs rebuilds only when an input is a different object', () => {
    const cache = new PreparedByInputs<string>();
    let builds = 0;
    const build = () => (builds++, prepareResponse(String(builds), 'text/plain', 'no-store'));
    const snapshot = { total: 1 };
    const first = cache.get('zh-hans', [snapshot], build);
    assert.equal(cache.get('zh-hans', [snapshot], build), first);
    assert.equal(builds, 1);
    assert.notEqual(cache.get('zh-hans', [{ total: 1 }], build), first, 'a new snapshot, even an equal one, is rendered again');
    cache.get('en', [snapshot], build);
    assert.equal(builds, 3, 'each key has its own entry');
  });

  it('PreparedLru serves a page while its fingerprint is unchanged, rebuilds it when it changes, and keeps at most its capacity', () => {
    const cache = new PreparedLru<string>(2, 1000);
    let builds = 0;
    const build = () => (builds++, prepareResponse(`page ${builds}`, 'text/html', 'public'));
    const a = cache.get('a', 'v1', build, 10_000);
    assert.equal(cache.fresh('a', 10_999), a, 'served without reading the row for recheckMs');
    assert.equal(cache.fresh('a', 11_000), undefined, 'then the row must be read again');
    assert.equal(cache.fresh('z', 10_000), undefined);
    assert.equal(cache.get('a', 'v1', build), a);
    assert.notEqual(cache.get('a', 'v2', build), a, 'a changed row is never served from the old page');
    cache.get('b', 'v1', build);
    cache.get('a', 'v2', build); // a is now the most recently used
    cache.get('c', 'v1', build); // drops b
    assert.equal(cache.size, 2);
    const before = builds;
    cache.get('a', 'v2', build);
    assert.equal(builds, before, 'a was kept');
    cache.get('b', 'v1', build);
    assert.equal(builds, before + 1, 'b was dropped and rendered again');
  });
});
