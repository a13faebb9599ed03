import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { DatabaseBusyError } from '../db/database-busy.ts';
import { GroupCommit } from './group-commit.ts';

interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Tracks whether a promise has settled, without affecting it. */
function track<T>(promise: Promise<T>): { readonly settled: boolean; promise: Promise<T> } {
  const state = { settled: false, promise };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

/** A fake commit that records every batch and maps each item to `item:result`. */
function recordingCommit(options: { fail?: (items: readonly string[]) => boolean } = {}) {
  const batches: string[][] = [];
  const commit = async (items: readonly string[]): Promise<string[]> => {
    batches.push([...items]);
    await nextMacrotask();
    if (options.fail?.(items)) throw new Error(`batch failed: ${items.join(',')}`);
    return items.map((item) => `${item}:result`);
  };
  return { batches, commit };
}

describe('GroupCommit', () => {
  it('batches 100 concurrent submits into few commits and resolves each with its own result', async () => {
    const { batches, commit } = recordingCommit();
    const group = new GroupCommit<string, string>({ commit, maxDelayMs: 1 });
    const items = Array.from({ length: 100 }, (_, i) => `item-${i}`);
    const results = await Promise.all(items.map((item) => group.submit(item)));
    assert.deepEqual(
      results,
      items.map((item) => `${item}:result`),
    );
    assert.ok(batches.length <= 10, `${batches.length} commits for 100 submits`);
    assert.ok(batches.length >= 1);
    // Every item committed exactly once, in submission order.
    assert.deepEqual(batches.flat(), items);
  });

  it('batches submits that arrive over several ticks within the delay', async () => {
    const { batches, commit } = recordingCommit();
    const group = new GroupCommit<string, string>({ commit, maxDelayMs: 20 });
    const pending: Promise<string>[] = [];
    for (let i = 0; i < 10; i++) {
      pending.push(group.submit(`t-${i}`));
      await Promise.resolve();
    }
    await Promise.all(pending);
    assert.equal(batches.length, 1);
    assert.equal(batches[0]?.length, 10);
  });

  it('a promise does not resolve before its commit has resolved', async () => {
    const gate = deferred();
    const started = deferred();
    let commitCalls = 0;
    const group = new GroupCommit<string, string>({
      commit: async (items) => {
        commitCalls++;
        started.resolve();
        await gate.promise;
        return items.map((item) => item.toUpperCase());
      },
      maxDelayMs: 1,
    });
    const a = track(group.submit('a'));
    const b = track(group.submit('b'));
    await started.promise;
    await nextMacrotask();
    assert.equal(commitCalls, 1, 'the batch commit has started');
    assert.equal(a.settled, false, 'resolved before the commit finished');
    assert.equal(b.settled, false, 'resolved before the commit finished');
    gate.resolve();
    assert.equal(await a.promise, 'A');
    assert.equal(await b.promise, 'B');
  });

  it('a promise does not settle before its commit has rejected', async () => {
    const gate = deferred();
    const started = deferred();
    const group = new GroupCommit<string, string>({
      commit: async () => {
        started.resolve();
        await gate.promise;
        throw new Error('disk full');
      },
      maxDelayMs: 1,
    });
    const only = track(group.submit('only'));
    only.promise.catch(() => undefined);
    await started.promise;
    await nextMacrotask();
    assert.equal(only.settled, false);
    gate.resolve();
    await assert.rejects(only.promise, /disk full/);
  });

  it('maxBatch caps the batch size', async () => {
    const { batches, commit } = recordingCommit();
    const group = new GroupCommit<string, string>({ commit, maxDelayMs: 50, maxBatch: 7 });
    const items = Array.from({ length: 30 }, (_, i) => `m-${i}`);
    const started = Date.now();
    const results = await Promise.all(items.map((item) => group.submit(item)));
    assert.deepEqual(
      results,
      items.map((item) => `${item}:result`),
    );
    for (const batch of batches) assert.ok(batch.length <= 7, `batch of ${batch.length}`);
    assert.deepEqual(
      batches.map((batch) => batch.length),
      [7, 7, 7, 7, 2],
    );
    assert.deepEqual(batches.flat(), items);
    // A full batch does not wait for maxDelayMs; only the remainder might.
    assert.ok(Date.now() - started < 1000);
  });

  it('a full batch is committed without waiting for maxDelayMs', async () => {
    const { batches, commit } = recordingCommit();
    const group = new GroupCommit<string, string>({ commit, maxDelayMs: 10_000, maxBatch: 3 });
    const started = Date.now();
    await Promise.all(['x', 'y', 'z'].map((item) => group.submit(item)));
    assert.ok(Date.now() - started < 1000, 'waited for maxDelayMs although the batch was full');
    assert.deepEqual(batches, [['x', 'y', 'z']]);
  });

  it('when a batch fails because of one bad item, the others resolve and only the bad one rejects', async () => {
    const { batches, commit } = recordingCommit({ fail: (items) => items.includes('bad') });
    const group = new GroupCommit<string, string>({ commit, maxDelayMs: 1 });
    const names = ['good-1', 'good-2', 'bad', 'good-3'];
    const outcomes = await Promise.allSettled(names.map((name) => group.submit(name)));
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
    );
    assert.deepEqual(
      outcomes.map((o) => (o.status === 'fulfilled' ? o.value : undefined)),
      ['good-1:result', 'good-2:result', undefined, 'good-3:result'],
    );
    const rejected = outcomes[2];
    assert.ok(rejected?.status === 'rejected');
    assert.match(String(rejected.reason), /batch failed: bad$/, 'the bad item gets its own error');
    // One failed batch, then each item retried alone.
    assert.deepEqual(batches, [names, ['good-1'], ['good-2'], ['bad'], ['good-3']]);
  });

  it('a single-item batch that fails rejects without a retry', async () => {
    const { batches, commit } = recordingCommit({ fail: () => true });
    const group = new GroupCommit<string, string>({ commit, maxDelayMs: 1 });
    await assert.rejects(group.submit('lonely'), /batch failed: lonely/);
    assert.deepEqual(batches, [['lonely']]);
  });

  it('keeps working after a failed batch', async () => {
    const { commit } = recordingCommit({ fail: (items) => items.includes('bad') });
    const group = new GroupCommit<string, string>({ commit, maxDelayMs: 1 });
    await Promise.allSettled([group.submit('bad'), group.submit('ok-1')]);
    assert.deepEqual(await Promise.all([group.submit('ok-2'), group.submit('ok-3')]), ['ok-2:result', 'ok-3:result']);
  });

  it('drain() resolves only after all pending items are committed', async () => {
    const { batches, commit } = recordingCommit();
    const group = new GroupCommit<string, string>({ commit, maxDelayMs: 10_000, maxBatch: 4 });
    const tracked = Array.from({ length: 10 }, (_, i) => track(group.submit(`d-${i}`)));
    await group.drain();
    assert.ok(
      tracked.every((t) => t.settled),
      'drain resolved while items were still pending',
    );
    assert.deepEqual(batches.flat().length, 10);
    assert.deepEqual(
      await Promise.all(tracked.map((t) => t.promise)),
      Array.from({ length: 10 }, (_, i) => `d-${i}:result`),
    );
  });

  it('drain() with nothing pending resolves at once', async () => {
    const { batches, commit } = recordingCommit();
    const group = new GroupCommit<string, string>({ commit });
    await group.drain();
    assert.deepEqual(batches, []);
  });

  it('drain() waits for a commit already in progress and for items submitted during it', async () => {
    const gate = deferred();
    const started = deferred();
    const batches: string[][] = [];
    const group = new GroupCommit<string, string>({
      commit: async (items) => {
        batches.push([...items]);
        started.resolve();
        if (batches.length === 1) await gate.promise;
        return items.map((item) => `${item}!`);
      },
      maxDelayMs: 1,
    });
    const first = track(group.submit('first'));
    await started.promise; // the first commit is now running
    assert.equal(batches.length, 1);
    const second = track(group.submit('second'));
    let drained = false;
    const draining = group.drain().then(() => (drained = true));
    await nextMacrotask();
    assert.equal(drained, false);
    gate.resolve();
    await draining;
    assert.ok(first.settled && second.settled);
    assert.deepEqual(batches, [['first'], ['second']]);
  });

  it('drain() settles even when commits fail', async () => {
    const { commit } = recordingCommit({ fail: () => true });
    const group = new GroupCommit<string, string>({ commit, maxDelayMs: 10_000 });
    const a = track(group.submit('a'));
    const b = track(group.submit('b'));
    a.promise.catch(() => undefined);
    b.promise.catch(() => undefined);
    await group.drain();
    assert.ok(a.settled && b.settled);
    await assert.rejects(a.promise);
    await assert.rejects(b.promise);
  });

  it('submits arriving during a running commit go into the next batch and are not lost', async () => {
    const gates = [deferred(), deferred()];
    const started = [deferred(), deferred()];
    const batches: string[][] = [];
    const group = new GroupCommit<string, string>({
      commit: async (items) => {
        const index = batches.push([...items]) - 1;
        started[index]?.resolve();
        await gates[index]?.promise;
        return items.map((item) => `${item}#${index}`);
      },
      maxDelayMs: 1,
    });

    const first = [group.submit('a'), group.submit('b')];
    await started[0]!.promise;
    assert.deepEqual(batches, [['a', 'b']]);

    // The first commit is still running: these must wait for it, not join it.
    const second = [group.submit('c'), group.submit('d'), group.submit('e')];
    // No timer is set while the one commit allowed is running; a turn of the event loop shows nothing started.
    await nextMacrotask();
    assert.deepEqual(batches, [['a', 'b']], 'a second commit started while the first was running');

    gates[0]!.resolve();
    assert.deepEqual(await Promise.all(first), ['a#0', 'b#0']);
    await started[1]!.promise;
    assert.deepEqual(batches, [
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
    const late = group.submit('f'); // arrives during the second commit
    gates[1]!.resolve();
    assert.deepEqual(await Promise.all(second), ['c#1', 'd#1', 'e#1']);
    assert.equal(await late, 'f#2');
    assert.deepEqual(batches, [['a', 'b'], ['c', 'd', 'e'], ['f']]);
  });

  it('never runs two commits at once', async () => {
    let running = 0;
    let maxRunning = 0;
    let commits = 0;
    const group = new GroupCommit<number, number>({
      commit: async (items) => {
        running++;
        commits++;
        maxRunning = Math.max(maxRunning, running);
        await nextMacrotask();
        running--;
        return items.map((item) => item * 2);
      },
      maxDelayMs: 1,
      maxBatch: 5,
    });
    const all: Promise<number>[] = [];
    for (let wave = 0; wave < 5; wave++) {
      for (let i = 0; i < 12; i++) all.push(group.submit(wave * 100 + i));
      await nextMacrotask();
    }
    const results = await Promise.all(all);
    assert.deepEqual(results, Array.from({ length: 5 }, (_, wave) => Array.from({ length: 12 }, (_, i) => (wave * 100 + i) * 2)).flat());
    assert.equal(maxRunning, 1);
    assert.ok(commits >= 12, `${commits} commits for 60 items with maxBatch 5`);
  });
});

describe('GroupCommit with several batches in flight', () => {
  it('starts the next batch while one is committing, up to maxInFlight, and drain() waits for all', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const releases: (() => void)[] = [];
    const twoStarted = deferred();
    const group = new GroupCommit<number, number>({
      maxDelayMs: 0,
      maxBatch: 2,
      maxInFlight: 2,
      commit: async (items) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise<void>((resolve) => releases.push(resolve) === 2 && twoStarted.resolve());
        running--;
        return items.map((item) => item * 10);
      },
    });
    const results = Promise.all([1, 2, 3, 4, 5, 6].map((item) => group.submit(item)));
    let drained = false;
    const draining = group.drain().then(() => (drained = true));
    await twoStarted.promise;
    assert.equal(running, 2, 'two batches commit at once');
    while (!drained) {
      releases.shift()?.();
      await nextMacrotask();
    }
    await draining;
    assert.deepEqual(await results, [10, 20, 30, 40, 50, 60]);
    assert.equal(mostAtOnce, 2, 'never more than maxInFlight');
  });
});

describe('GroupCommit: a database that stays locked', () => {
  it('fails the whole batch at once, without a try per item that would wait as long again', async () => {
    let commits = 0;
    const group = new GroupCommit<string, string>({
      commit: async () => {
        commits++;
        throw new DatabaseBusyError();
      },
      maxDelayMs: 1,
    });
    const results = await Promise.allSettled(['a', 'b', 'c'].map((item) => group.submit(item)));
    assert.ok(results.every((result) => result.status === 'rejected' && result.reason instanceof DatabaseBusyError));
    assert.equal(commits, 1);
  });
});
