import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openKeptPagesFile } from '../../db/kept-pages-file.ts';
import { createLogger } from '../../logging/logger.ts';
import { keptPagesRepository } from '../../repositories/kept-pages-repository.ts';
import { KeptPages } from './kept-pages.ts';

test('a full disk: the failure is logged once, the file is closed (its space freed) and nothing more is kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuidang-kept-'));
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  let opened = 0;
  const connection = openKeptPagesFile(dir);
  // SQLite answers SQLITE_FULL past this many pages, as it does when the disk is full.
  connection.exec('PRAGMA max_page_count = 8');
  const pages = new KeptPages(
    () => {
      opened++;
      return { pages: keptPagesRepository(connection, 1000), connection };
    },
    1000,
    logger,
  );
  try {
    const page = { stamp: '1|2026-12-07', etag: '"e"', body: new Uint8Array(11_000) };
    for (let i = 0; i < 20; i++) pages.keep(`en|2025-01-${i}`, page);
    assert.equal(pages.enabled, false);
    assert.equal(connection.isOpen, false);
    assert.equal(pages.find('en|2025-01-0', '1|2026-12-07'), undefined);
    assert.equal(pages.size, 0);
    assert.equal(opened, 1, 'not opened again');
    const failures = lines.filter((line) => line.includes('the kept pages failed'));
    assert.equal(failures.length, 1);
    assert.match(failures[0]!, /full/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('switched off (capacity 0): nothing is opened', () => {
  const pages = new KeptPages(
    () => {
      throw new Error('must not open');
    },
    0,
    createLogger('silent'),
  );
  pages.keep('en|2025-01-01', { stamp: '1', etag: '"e"', body: new Uint8Array(1) });
  assert.equal(pages.find('en|2025-01-01', '1'), undefined);
  assert.equal(pages.enabled, false);
});
