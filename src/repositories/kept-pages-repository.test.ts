import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openKeptPagesFile } from '../db/kept-pages-file.ts';
import { keptPagesRepository } from './kept-pages-repository.ts';

const page = (stamp: string, text: string) => ({ stamp, etag: `"${text}"`, body: new TextEncoder().encode(text) });

test('kept pages: read back as written, replaced in place, and the oldest written dropped beyond the capacity', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuidang-kept-'));
  const connection = openKeptPagesFile(dir);
  try {
    const pages = keptPagesRepository(connection, 10);
    assert.equal(pages.get('en|2025-03-01|', '1|2026-12-07'), undefined);
    pages.put('en|2025-03-01|', page('1|2026-12-07', '<p>一</p>'));
    assert.equal(pages.get('en|2025-03-01|', '0|2026-12-07'), undefined, 'kept under another stamp');
    const read = pages.get('en|2025-03-01|', '1|2026-12-07')!;
    assert.equal(read.etag, '"<p>一</p>"');
    assert.equal(new TextDecoder().decode(read.body), '<p>一</p>');
    pages.put('en|2025-03-01|', page('2|2026-12-07', 'again'));
    assert.equal(pages.size, 1, 'a page written again is not counted twice');
    assert.ok(pages.get('en|2025-03-01|', '2|2026-12-07'));
    assert.equal(pages.get('en|2025-03-01|', '1|2026-12-07'), undefined);

    for (let i = 0; i < 10; i++) pages.put(`en|2025-01-${String(i + 10)}|`, page('2|2026-12-07', `day ${i}`));
    // Eleven pages: the tenth of the capacity written longest ago goes, here the first page.
    assert.equal(pages.size, 10);
    assert.equal(pages.get('en|2025-03-01|', '2|2026-12-07'), undefined);
    assert.ok(pages.get('en|2025-01-10|', '2|2026-12-07'));
    // Writing a page again makes it the newest: the next to go is the one after it.
    pages.put('en|2025-01-10|', page('3|2026-12-07', 'day 0 again'));
    pages.put('en|2025-02-01|', page('3|2026-12-07', 'new'));
    assert.ok(pages.get('en|2025-01-10|', '3|2026-12-07'));
    assert.equal(pages.get('en|2025-01-11|', '2|2026-12-07'), undefined);
    assert.equal((connection.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n, pages.size);
  } finally {
    connection.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
