import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, mock, test } from 'node:test';
import { createAttachmentStore } from './attachment-store.ts';

describe('attachment store', () => {
  test('the file is synced before its rename, and its folder after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attachments-'));
    const handle = await open(dir, 'r');
    const prototype = Object.getPrototypeOf(handle) as { sync(): Promise<void> };
    await handle.close();
    const store = createAttachmentStore(dir, randomBytes(32));
    const attachment = { centerId: 3, itemId: 7, position: 1, storageKey: store.newKey() };
    const path = join(dir, 'inbox', '3', attachment.storageKey);
    // At each sync: whether the sealed file still has its temporary name, and whether it has its own.
    const synced: { part: boolean; renamed: boolean }[] = [];
    const sync = mock.method(prototype, 'sync', async () => {
      synced.push({ part: existsSync(`${path}.part`), renamed: existsSync(path) });
    });
    try {
      await store.put(attachment, new TextEncoder().encode('bytes'));
      assert.deepEqual(synced, [
        { part: true, renamed: false },
        { part: false, renamed: true },
      ]);
      assert.deepEqual(new Uint8Array(await store.get(attachment)), new TextEncoder().encode('bytes'));
    } finally {
      sync.mock.restore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
