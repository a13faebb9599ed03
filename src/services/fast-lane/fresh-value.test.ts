import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Gate } from '../../../test/helpers/gate.ts';
import { createLogger } from '../../logging/logger.ts';
import { FreshValue } from './fresh-value.ts';

describe('FreshValue', () => {
  function counter() {
    let now = 0;
    let reads = 0;
    let fail = false;
    const gate = new Gate();
    const logs: { level: number; msg: string; value: string; err?: { message: string } }[] = [];
    const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line)) });
    const value = new FreshValue(
      async () => {
        const n = ++reads;
        await gate.pass();
        if (fail) throw new Error('database unavailable');
        return { n };
      },
      1000,
      { name: 'test value', logger, clock: () => now },
    );
    return {
      value,
      at: (ms: number) => (now = ms),
      hold: (on: boolean) => gate.hold(on),
      fail: (on: boolean) => (fail = on),
      release: () => gate.release(),
      logs,
      get reads() {
        return reads;
      },
    };
  }

  it('reads once for many callers and serves the value for its lifetime', async () => {
    const t = counter();
    assert.equal(t.value.current(), undefined, 'nothing before the first read');
    const [a, b] = await Promise.all([t.value.get(), t.value.get()]);
    assert.equal(a, b);
    assert.equal(t.reads, 1);
    t.at(500);
    assert.equal(t.value.current(), a);
    assert.equal(t.reads, 1, 'not due yet');
    t.at(1000);
    assert.equal(t.value.current(), undefined, 'never served once its time is over');
    assert.notEqual(await t.value.get(), a);
    assert.equal(t.reads, 2);
  });

  it('reads again in the background when asked for late in its life, serving the old value meanwhile', async () => {
    const t = counter();
    const first = await t.value.get();
    t.hold(true);
    t.at(800);
    assert.equal(t.value.current(), first);
    assert.equal(t.value.current(), first);
    assert.equal(t.reads, 2, 'one background read');
    await t.release();
    const second = t.value.current();
    assert.equal(second?.n, 2);
    t.at(1700);
    assert.equal(t.value.current(), second, 'its lifetime counts from when the background read began (at 800)');
    t.at(1800);
    assert.equal(t.value.current(), undefined);
  });

  it('a failed background read leaves the value to expire; the next get reports the error', async () => {
    const t = counter();
    const first = await t.value.get();
    t.fail(true);
    t.at(900);
    assert.equal(t.value.current(), first);
    await t.release();
    assert.deepEqual(
      t.logs.map(({ level, msg, value, err }) => ({ level, msg, value, error: err?.message })),
      [{ level: 50, msg: 'reading a cached value again in the background failed', value: 'test value', error: 'database unavailable' }],
      'no caller waits for a background read, so its failure is logged',
    );
    t.at(1000);
    await assert.rejects(t.value.get(), /database unavailable/);
    t.fail(false);
    assert.equal((await t.value.get()).n, 4);
  });

  it('clear() forgets the value, and a read begun before it does not put its value back', async () => {
    const t = counter();
    await t.value.get();
    t.hold(true);
    t.at(800);
    t.value.current();
    t.value.clear();
    await t.release();
    assert.equal(t.value.current(), undefined);
    t.hold(false);
    assert.equal((await t.value.get()).n, 3);
  });
});
