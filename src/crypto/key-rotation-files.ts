import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { keyPath, type KeyFile } from './keys.ts';

/**
 * The keys `tuidang keys rotate` replaces. The receipt and audit keys are not among them
 * (docs/operations.md, "Key rotation"), nor the index root, whose do-not-call HMACs cannot be remade.
 */
export const ROTATED_KEYS = ['staff', 'contact'] as const;
export type RotatedKey = (typeof ROTATED_KEYS)[number];

/**
 * The key files a rotation uses (docs/operations.md, "Key rotation"): while `<name>.next.key` exists
 * the rotation is under way and the service does not start; at the end the old file is kept as
 * `<name>.retired-<time>.key`, for backups sealed under it, and the next file takes its name.
 */
export function nextKeyPath(dataDir: string, name: KeyFile): string {
  return join(dataDir, 'keys', `${name}.next.key`);
}

export function rotationsUnderway(dataDir: string, names: readonly KeyFile[]): KeyFile[] {
  return names.filter((name) => existsSync(nextKeyPath(dataDir, name)));
}

function syncFolder(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The rotation's new key: made on the first run ('wx': two runs keep one), read on the runs that resume.
 * Whether this run made it is not told: the start is audited with the rotation's mark in the database
 * (services/key-rotation-service.ts), which a run that stopped right after making the file has not written.
 */
export function loadOrCreateNextKey(dataDir: string, name: KeyFile): { key: Buffer } {
  const path = nextKeyPath(dataDir, name);
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(32).toString('base64')}\n`);
      // On disk before any value is sealed under it: a power loss must not take the only key that opens them.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    syncFolder(join(dataDir, 'keys'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`key file ${path} is not 32 bytes of base64`);
  return { key };
}

/** The last step: each rename is atomic, and a run interrupted between the two finds the next file alone and finishes. */
export function promoteNextKey(dataDir: string, name: KeyFile, at: Date): string {
  const current = keyPath(dataDir, name);
  const retired = join(dataDir, 'keys', `${name}.retired-${at.toISOString().replace(/[:.]/g, '-')}.key`);
  if (existsSync(current)) renameSync(current, retired);
  renameSync(nextKeyPath(dataDir, name), current);
  // The database already checks for the new key: the names must not come back as they were after a power loss.
  syncFolder(join(dataDir, 'keys'));
  return retired;
}
