import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openBytes, sealBytes } from '../../crypto/seal.ts';

/** Where one attachment's bytes are: the item and position its seal is bound to, and its file's name. */
export interface StoredAttachment {
  centerId: number;
  itemId: number;
  position: number;
  storageKey: string;
}

const STORAGE_KEY = /^[0-9a-f]{32}$/;

/**
 * Attachment bytes, kept out of the database as files `<dataDir>/inbox/<center>/<storage_key>`,
 * sealed with AES-256-GCM under the contact key and bound to the item and position, so a file
 * copied beside another item does not open there (docs/inbox.md).
 */
export function createAttachmentStore(dataDir: string, key: Buffer) {
  const root = join(dataDir, 'inbox');
  const context = (a: StoredAttachment) => `inbox:${a.centerId}:${a.itemId}:attachment:${a.position}`;
  const pathOf = (a: StoredAttachment) => {
    // The key is ours (random hex), but it comes back from the database: never a path of its own.
    if (!STORAGE_KEY.test(a.storageKey) || !Number.isSafeInteger(a.centerId)) throw new Error('invalid attachment storage key');
    return join(root, String(a.centerId), a.storageKey);
  };
  return {
    newKey(): string {
      return randomBytes(16).toString('hex');
    },

    /**
     * Written under a temporary name and renamed, so a crash never leaves half a file under the real
     * one. The file is synced before the rename and the folder after it: a key rotation switches keys
     * in a durable commit once every file is re-sealed, and a power loss must not then leave a renamed
     * file empty or torn, its old sealing gone and the new one never on disk.
     */
    async put(a: StoredAttachment, bytes: Uint8Array): Promise<void> {
      const path = pathOf(a);
      const folder = join(root, String(a.centerId));
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const part = await open(`${path}.part`, 'w', 0o600);
      try {
        await part.writeFile(sealBytes(key, bytes, context(a)));
        await part.sync();
      } finally {
        await part.close();
      }
      await rename(`${path}.part`, path);
      const dir = await open(folder, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    },

    async get(a: StoredAttachment): Promise<Buffer> {
      return openBytes(key, await readFile(pathOf(a)), context(a));
    },

    /** Gone already is fine: a purge interrupted after the files is run again. */
    async remove(a: StoredAttachment): Promise<void> {
      await rm(pathOf(a), { force: true });
    },
  };
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
