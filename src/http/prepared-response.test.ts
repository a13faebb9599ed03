import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Gate } from '../../test/helpers/gate.ts';
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

  describe('PreparedLru', () => {
    /** A fake row store: each key's current version, and a count of reads. */
    function pages(capacity = 2) {
      let now = 10_000;
      const versions = new Map<string, string>();
      const gate = new Gate();
      let reads = 0;
      let builds = 0;
      const read = async (key: string) => {
        reads++;
        await gate.pass();
        const version = versions.get(key);
        return version === undefined ? null : { fingerprint: version, render: () => (builds++, prepareResponse(`${key} ${version}`, 'text/html', 'public')) };
      };
      const cache = new PreparedLru<string>(capacity, 1000, read, () => now);
      return {
        cache,
        versions,
        at: (ms: number) => (now = ms),
        hold: (on: boolean) => gate.hold(on),
        release: () => gate.release(),
        get reads() {
          return reads;
        },
        get builds() {
          return builds;
        },
      };
    }
    const text = (response: { body: Uint8Array } | null | undefined) => (response ? Buffer.from(response.body).toString() : response);

    it('serves a kept page for recheckMs after its row was read, renders again only when the row differs', async () => {
      const t = pages();
      t.versions.set('a', 'v1');
      const a = await t.cache.read('a');
      assert.equal(text(a), 'a v1');
      assert.equal(t.cache.fresh('a'), a, 'served without reading the row');
      t.at(11_000);
      assert.equal(t.cache.fresh('a'), undefined, 'after recheckMs the row must be read again');
      assert.equal(t.cache.fresh('z'), undefined);
      assert.equal(await t.cache.read('a'), a, 'an unchanged row keeps its page');
      assert.equal(t.builds, 1);
      t.versions.set('a', 'v2');
      assert.equal(text(await t.cache.read('a')), 'a v2', 'a changed row is never served from the old page');
      t.versions.delete('a');
      assert.equal(await t.cache.read('a'), null, 'a row that is gone has no page');
      assert.equal(t.cache.size, 0);
    });

    it('reads a page asked for in the last quarter of its time again in the background, once', async () => {
      const t = pages();
      t.versions.set('a', 'v1');
      await t.cache.read('a');
      t.at(10_700);
      t.cache.fresh('a');
      assert.equal(t.reads, 1, 'not yet due');
      t.versions.set('a', 'v2');
      t.hold(true);
      t.at(10_800);
      assert.equal(text(t.cache.fresh('a')), 'a v1', 'the kept page is served while the row is read again');
      t.cache.fresh('a');
      assert.equal(t.reads, 2, 'one background read however often the page is asked for');
      await t.release();
      assert.equal(text(t.cache.fresh('a')), 'a v2', 'the new render replaced the kept page');
      t.at(11_700);
      assert.equal(text(t.cache.fresh('a')), 'a v2', 'its time counts from the background read');
    });

    it('drops a background read that a deletion overtook, and a page whose row is gone', async () => {
      const t = pages();
      t.versions.set('a', 'v1');
      await t.cache.read('a');
      t.hold(true);
      t.at(10_800);
      t.cache.fresh('a');
      t.cache.delete('a'); // a retraction in this process
      await t.release();
      assert.equal(t.cache.fresh('a'), undefined, 'the read begun before the change did not put the page back');
      t.hold(false);
      await t.cache.read('a');
      t.versions.delete('a');
      t.at(11_600);
      t.cache.fresh('a');
      await t.release();
      assert.equal(t.cache.size, 0, 'the background read found no row and dropped the page');
    });

    it('keeps at most its capacity, least recently read dropped first', async () => {
      const t = pages(2);
      for (const key of ['a', 'b', 'c']) t.versions.set(key, 'v1');
      await t.cache.read('a');
      await t.cache.read('b');
      await t.cache.read('a'); // a is now the most recently read
      await t.cache.read('c'); // drops b
      assert.equal(t.cache.size, 2);
      assert.ok(t.cache.fresh('a'));
      assert.equal(t.cache.fresh('b'), undefined);
      assert.ok(t.cache.fresh('c'));
    });
  });
});
