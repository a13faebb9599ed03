import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Gate } from '../../../test/helpers/gate.ts';
import { createLogger } from '../../logging/logger.ts';
import { FreshValue } from '../../services/fast-lane/fresh-value.ts';
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
    const build = () => {
      builds++;
      return prepareResponse(String(builds), 'text/plain', 'no-store');
    };
    const snapshot = { total: 1 };
    const first = cache.get('zh-hans', [snapshot], build);
    assert.equal(cache.get('zh-hans', [snapshot], build), first);
    assert.equal(builds, 1);
    assert.notEqual(cache.get('zh-hans', [{ total: 1 }], build), first, 'a new snapshot, even an equal one, is rendered again');
    cache.get('en', [snapshot], build);
    assert.equal(builds, 3, 'each key has its own entry');
  });

  describe('PreparedLru', () => {
    /** A fake row store (each key's current content), its data version, and counts of reads and renders. */
    function pages(capacity = 2) {
      let now = 10_000;
      let dataVersion = 1;
      const rows = new Map<string, string>();
      const gate = new Gate();
      const counts = { rowReads: 0, versionReads: 0, builds: 0 };
      const version = new FreshValue(
        async () => {
          counts.versionReads++;
          return dataVersion;
        },
        1000,
        {
          name: 'data version',
          logger: createLogger('silent'),
          clock: () => now,
        },
      );
      const read = async (key: string) => {
        counts.rowReads++;
        const row = rows.get(key); // the row as the read's snapshot sees it
        await gate.pass();
        return row === undefined
          ? null
          : {
              fingerprint: row,
              render: () => {
                counts.builds++;
                return prepareResponse(`${key} ${row}`, 'text/html', 'public');
              },
            };
      };
      const cache = new PreparedLru<string>(capacity, version, read);
      /** A change to a published row, as the database's trigger records it. */
      const change = (key: string, row: string | undefined) => {
        if (row === undefined) rows.delete(key);
        else rows.set(key, row);
        dataVersion++;
      };
      return {
        cache,
        rows,
        counts,
        change,
        at: (ms: number) => (now = ms),
        hold: (on: boolean) => gate.hold(on),
        release: () => gate.release(),
      };
    }
    const text = (response: { body: Uint8Array } | null | undefined) => (response ? Buffer.from(response.body).toString() : response);

    it('serves a kept page while no data changed, reading only the version once an interval', async () => {
      const t = pages();
      t.rows.set('a', 'v1');
      const a = await t.cache.read('a');
      assert.equal(text(a), 'a v1');
      assert.equal(t.cache.fresh('a'), a, 'served without reading anything');
      assert.equal(t.cache.fresh('z'), undefined);
      for (let ms = 10_800; ms < 15_000; ms += 800) {
        t.at(ms);
        assert.equal(t.cache.fresh('a') ?? (await t.cache.read('a')), a);
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.equal(t.counts.rowReads, 1, 'the row was read once in five seconds');
      assert.ok(
        t.counts.versionReads >= 5 && t.counts.versionReads <= 7,
        `the version was read about once a second (${t.counts.versionReads})`,
      );
      t.at(20_000);
      assert.equal(t.cache.fresh('a'), undefined, 'a version read over a second ago vouches for nothing');
      assert.equal(await t.cache.read('a'), a, 'an unchanged version keeps the page without reading its row');
      assert.equal(t.counts.rowReads, 1);
      assert.equal(t.counts.builds, 1);
    });

    it('reads the row again after any change, and renders again only a row that differs', async () => {
      const t = pages();
      t.rows.set('a', 'v1');
      t.rows.set('b', 'v1');
      const a = await t.cache.read('a');
      await t.cache.read('b');
      t.change('b', 'v2');
      t.at(11_000);
      assert.equal(t.cache.fresh('a'), undefined);
      assert.equal(await t.cache.read('a'), a, 'another row changed: this one is read again, its page kept');
      assert.equal(t.counts.builds, 2);
      assert.equal(t.cache.fresh('b'), undefined, 'the changed row is never served from its old page');
      assert.equal(text(await t.cache.read('b')), 'b v2');
      t.change('b', undefined);
      t.at(12_000);
      assert.equal(await t.cache.read('b'), null, 'a row that is gone has no page');
      assert.equal(t.cache.size, 1);
    });

    it('tags a page with the version read before its row, so a change during the read is not missed', async () => {
      const t = pages();
      t.rows.set('a', 'v1');
      t.hold(true);
      const reading = t.cache.read('a');
      await new Promise((resolve) => setImmediate(resolve));
      t.change('a', 'v2'); // committed after both reads began
      t.at(11_000); // and the row's read outlasted the version's interval
      t.hold(false);
      await t.release();
      assert.equal(text(await reading), 'a v1');
      assert.equal(text(t.cache.fresh('a') ?? (await t.cache.read('a'))), 'a v2', "the next version differs from the page's");
    });

    it('shares one read among the requests that find a page out of date, and keeps nothing a deletion overtook', async () => {
      const t = pages();
      t.rows.set('a', 'v1');
      t.hold(true);
      const first = t.cache.read('a');
      const second = t.cache.read('a');
      await new Promise((resolve) => setImmediate(resolve));
      t.cache.delete('a'); // a retraction in this process
      const third = t.cache.read('a');
      await t.release();
      assert.equal(text(await first), 'a v1', 'a request made before the change is answered');
      assert.equal(await second, await first);
      assert.equal(t.cache.fresh('a'), undefined, 'the read begun before the change did not put the page back');
      assert.equal(t.counts.rowReads, 2, 'a request after the deletion read again');
      t.hold(false);
      await t.release();
      assert.equal(text(await third), 'a v1');
    });

    it('keeps at most its capacity, least recently served dropped first', async () => {
      const t = pages(2);
      for (const key of ['a', 'b', 'c']) t.rows.set(key, 'v1');
      await t.cache.read('a');
      await t.cache.read('b');
      assert.ok(t.cache.fresh('a')); // a is now the most recently served
      await t.cache.read('c'); // drops b
      assert.equal(t.cache.size, 2);
      assert.ok(t.cache.fresh('a'));
      assert.equal(t.cache.fresh('b'), undefined);
      assert.ok(t.cache.fresh('c'));
    });
  });
});
