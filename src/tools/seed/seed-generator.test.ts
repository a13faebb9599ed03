import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { countingDay } from '../../domain/counter/counting-day.ts';
import { IsoTimes } from './iso-times.ts';
import { QuarterHourDays } from './quarter-hour-days.ts';
import { BatchDecoder, BatchEncoder, batchBuffers, type RowBatch } from './seed-batch.ts';
import { generatePosts } from './seed-generator.ts';
import { POST_COLUMN_KINDS, postValues } from './seed-rows.ts';

const DAY_MS = 86_400_000;

describe('seed generator', () => {
  it('writes the same times as toISOString', () => {
    const times = new IsoTimes();
    const instants = [
      0,
      Date.parse('2004-12-03T00:00:00Z'),
      Date.parse('2024-02-29T23:59:59.999Z'),
      Date.parse('2027-01-01T00:00:00.001Z'),
    ];
    for (let i = 0; i < 2000; i++) instants.push(Math.floor(Date.parse('2004-01-01T00:00:00Z') + i * 376_543_217.3));
    for (const at of instants) assert.equal(times.format(at), new Date(at).toISOString());
  });

  it('finds the counting day of every quarter hour as countingDay does, across clock changes', () => {
    // São Paulo moved its clocks at midnight, Lord Howe by half an hour, Apia skipped a day.
    for (const zone of ['Asia/Shanghai', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kathmandu', 'Europe/London']) {
      const days = new QuarterHourDays(zone);
      for (let day = Date.parse('2011-01-01T00:00:00Z'); day < Date.parse('2013-01-01T00:00:00Z'); day += DAY_MS) {
        days.cover(day + 3_600_000, day + DAY_MS + 3_600_000);
        for (let at = day + 3_600_000; at < day + DAY_MS + 3_600_000; at += 900_000) {
          assert.equal(days.dayOf(at + 899_999), countingDay(new Date(at), zone), `${zone} ${new Date(at).toISOString()}`);
        }
      }
    }
  });

  it('gives the same posts for the same seed, and other posts for another', () => {
    const plan = { posts: 2000, seed: 11, now: new Date('2026-01-10T08:00:00Z'), timeZone: 'Asia/Shanghai' };
    const once = [...generatePosts(plan)];
    assert.deepEqual([...generatePosts(plan)], once);
    assert.notDeepEqual([...generatePosts({ ...plan, seed: 12 })], once);
    assert.equal(new Set(once.map((post) => post.registrationNumber)).size, once.length);
  });

  it('sends rows between threads and gets the same values back', () => {
    const encoder = new BatchEncoder(POST_COLUMN_KINDS, 100);
    const decoder = new BatchDecoder(POST_COLUMN_KINDS);
    const posts = [...generatePosts({ posts: 500, seed: 3, now: new Date('2026-01-10T08:00:00Z'), timeZone: 'Asia/Shanghai' })];
    assert.ok(
      posts.some((post) => post.publishedAt === null && post.duplicateOf !== null),
      'nulls among numbers and texts',
    );
    const sent: unknown[] = [];
    const received: unknown[] = [];
    posts.forEach((post, i) => {
      encoder.add(i + 1, postValues(post, 0));
      sent.push(i + 1, ...postValues(post, 0));
      // Batches of different sizes: each few-valued text travels once, in the first batch that has it.
      if (i % 97 === 0 || i === posts.length - 1) {
        const batch = encoder.take();
        const { port1, port2 } = new MessageChannel();
        port1.postMessage(batch, batchBuffers(batch));
        const copy = receiveMessageOnPort(port2)!.message as RowBatch;
        port1.close();
        received.push(...decoder.read(copy).rows(0, copy.rows));
      }
    });
    assert.deepEqual(received, sent);
  });
});
