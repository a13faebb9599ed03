import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openKeptPagesFile } from '../../../db/kept-pages-file.ts';
import { createLogger } from '../../../logging/logger.ts';
import { keptPagesRepository } from '../../../repositories/kept-pages-repository.ts';
import { KeptPages } from '../../../services/fast-lane/kept-pages.ts';
import { PreparedRoutes } from '../../fast-lane/prepared-routes.ts';
import { KeptDayPages } from './kept-day-pages.ts';

test('which day pages are kept, and under what: the public pages’ version and today', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuidang-kept-'));
  const connection = openKeptPagesFile(dir);
  try {
    let version: number | undefined = 7;
    let today = '2026-12-07';
    const pages = new KeptPages(() => ({ pages: keptPagesRepository(connection, 100), connection }), 100, createLogger('silent'));
    const days = new KeptDayPages(pages, { current: () => version, get: async () => version ?? 7 }, () => today, 'public, max-age=30');
    const prepared = new PreparedRoutes();
    days.serveAt(prepared);

    assert.equal(days.keyOf('en', '2026-12-07', today), undefined, 'today');
    assert.equal(days.keyOf('en', '2026-12-06', today), undefined, 'yesterday');
    assert.equal(days.keyOf('en', '2026-12-08', today), undefined, 'tomorrow');
    assert.equal(days.keyOf('en', '2026-02-30', today), undefined, 'no such day');
    assert.equal(days.keyOf('en', '2026-12-05', today), 'en|2026-12-05');
    assert.equal(days.keyOf('zh-hant', '2020-01-01', today), 'zh-hant|2020-01-01');

    const key = days.keyOf('en', '2026-12-05', today)!;
    const stamp = await days.stamp(today);
    assert.equal(prepared.find('/en/days/2026-12-05'), undefined, 'nothing kept yet');
    const kept = days.keep(key, stamp, '<p>5 December</p>');
    assert.deepEqual(days.find(key, stamp), kept);
    assert.deepEqual(prepared.find('/en/days/2026-12-05'), kept, 'the fast lane serves it');
    assert.equal(prepared.find('/en/days/2026-12-05/'), undefined, 'another spelling goes the long way');

    version = undefined;
    assert.equal(prepared.find('/en/days/2026-12-05'), undefined, 'a version due to be read again: the long way');
    version = 8;
    assert.equal(prepared.find('/en/days/2026-12-05'), undefined, 'another version: rendered again');
    assert.equal(days.find(key, await days.stamp(today)), undefined);
    version = 7;
    today = '2026-12-08';
    assert.equal(prepared.find('/en/days/2026-12-05'), undefined, 'after midnight its link to today is old');
    assert.equal(days.find(key, await days.stamp(today)), undefined);
  } finally {
    connection.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
