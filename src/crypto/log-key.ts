import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const SEED_BYTES = 32;

/** The transparency log's Ed25519 signing key: a 32-byte seed in base64, beside the other keys (docs/transparency.md). */
export function logKeyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'log-signing.key');
}

/**
 * Loads the log's signing seed, creating it on first start (mode 0600, 'wx' so two processes starting
 * together keep one). Reports whether this call created it, and whether others may read it.
 */
export function loadOrCreateLogKey(dataDir: string): { seed: Buffer; created: boolean; exposed: boolean } {
  const path = logKeyPath(dataDir);
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  let created = false;
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(SEED_BYTES).toString('base64')}\n`);
    } finally {
      closeSync(fd);
    }
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const seed = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (seed.length !== SEED_BYTES) throw new Error(`key file ${path} is not ${SEED_BYTES} bytes of base64`);
  return { seed, created, exposed: (statSync(path).mode & 0o077) !== 0 };
}

/** Removes a log key this process has just created, when the database already holds checkpoints of another. */
export function discardLogKey(dataDir: string): void {
  rmSync(logKeyPath(dataDir), { force: true });
}

/** The key a rotation moves to: while it exists, checkpoints are signed with both (docs/transparency.md, "Rotation"). */
function nextLogKeyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'log-signing.next.key');
}

/** The seed of the key a rotation moves to, if one is under way. */
export function loadNextLogKey(dataDir: string): Buffer | undefined {
  const path = nextLogKeyPath(dataDir);
  if (!existsSync(path)) return undefined;
  const seed = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (seed.length !== SEED_BYTES) throw new Error(`key file ${path} is not ${SEED_BYTES} bytes of base64`);
  return seed;
}

/** Begins a rotation: makes the next key (mode 0600). False when one is already under way. */
export function createNextLogKey(dataDir: string): boolean {
  try {
    const fd = openSync(nextLogKeyPath(dataDir), 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(SEED_BYTES).toString('base64')}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
}

/** Ends a rotation: the next key replaces the old one, which is gone (one rename). False when none is under way. */
export function promoteNextLogKey(dataDir: string): boolean {
  if (!existsSync(nextLogKeyPath(dataDir))) return false;
  renameSync(nextLogKeyPath(dataDir), logKeyPath(dataDir));
  return true;
}
