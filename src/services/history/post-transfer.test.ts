import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { legacyPostLines } from '../../tools/seed/legacy-posts.ts';
import { readPostBatches } from './post-batches.ts';
import { openPostFile } from './post-source.ts';
import { packBatch, unpackBatch } from './post-transfer.ts';

test('a batch packed to cross between threads unpacks to the same batch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuidang-transfer-'));
  try {
    const path = join(dir, 'posts.jsonl');
    writeFileSync(
      path,
      [...legacyPostLines({ posts: 2500, from: '2012-04-01', until: '2012-04-30', format: 'jsonl', hostileEvery: 50 })].join(''),
    );
    const opened = await openPostFile(path);
    assert.ok(opened.ok);
    const reading = {
      path,
      file: opened.file,
      from: opened.file.start,
      batchLines: 1000,
      timeZone: 'Asia/Shanghai',
      now: new Date('2026-12-07T00:00:00Z'),
      receiptKey: new Uint8Array(32).fill(7),
    };
    let batches = 0;
    for await (const batch of readPostBatches(reading)) {
      const packed = structuredClone(packBatch(batch));
      assert.ok(packed.rows.texts.length < batch.rows.count, 'the texts an archive repeats cross once');
      assert.deepEqual(unpackBatch(packed), batch);
      batches++;
    }
    assert.equal(batches, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
