import { LogAuditor, tilesForBundle, type LogTotals } from '../../domain/log/audit.ts';
import { openCheckpoint, type Checkpoint } from '../../domain/log/checkpoint.ts';
import type { NoteVerifier } from '../../domain/log/note.ts';
import { TILE_WIDTH, tilePath } from '../../domain/log/tiles.ts';
import type { LogSource } from './log-source.ts';

/** Bundles fetched ahead of the one being checked: enough to keep a network busy, few enough to bound memory. */
const AHEAD = 32;

export class LogRejected extends Error {}

export interface Verified {
  checkpoint: Checkpoint;
  totals: LogTotals;
}

async function fetchBundle(source: LogSource, size: number, index: number) {
  const width = Math.min(TILE_WIDTH, size - index * TILE_WIDTH);
  const keys = tilesForBundle(size, index);
  const [bundle, ...tiles] = await Promise.all([
    source.file(tilePath({ level: 'entries', index, width })),
    ...keys.map((key) => source.file(tilePath(key))),
  ]);
  return { bundle: bundle!, tiles: new Map(keys.map((key, i) => [`${key.level}/${key.index}`, tiles[i]!])) };
}

/**
 * Verifies a log against its key: the checkpoint's signature, every entry and tile against the root
 * it names, and, given the last checkpoint this verifier accepted, that the new tree starts with it.
 * Throws LogRejected saying what is wrong.
 */
export async function verifyLog(
  source: LogSource,
  verifier: NoteVerifier,
  earlier: Checkpoint | undefined,
  progress: (leaves: number, size: number) => void,
): Promise<Verified & { note: string }> {
  const note = await source.checkpoint();
  const checkpoint = openCheckpoint(note, verifier);
  if ('error' in checkpoint) throw new LogRejected(`the checkpoint of ${source.name} does not verify: ${checkpoint.error}`);
  if (earlier && earlier.size > checkpoint.size)
    throw new LogRejected(`the log shrank: ${earlier.size} leaves before, ${checkpoint.size} now; a log only grows`);
  const auditor = new LogAuditor(checkpoint.size, earlier?.size ?? 0);
  const bundles = Math.ceil(checkpoint.size / TILE_WIDTH);
  const ahead: Promise<Awaited<ReturnType<typeof fetchBundle>>>[] = [];
  const request = (index: number) => {
    const fetched = fetchBundle(source, checkpoint.size, index);
    // Checked when its turn comes; until then a failure must not go unhandled.
    fetched.catch(() => {});
    ahead.push(fetched);
  };
  for (let index = 0; index < Math.min(AHEAD, bundles); index++) request(index);
  for (let index = 0; index < bundles; index++) {
    const { bundle, tiles } = await ahead.shift()!.catch((error: Error) => {
      throw new LogRejected(`cannot read the tiles of bundle ${index}: ${error.message}`);
    });
    if (index + AHEAD < bundles) request(index + AHEAD);
    try {
      auditor.addBundle(bundle, (level, tile) => tiles.get(`${level}/${tile}`)!);
    } catch (error) {
      throw new LogRejected((error as Error).message);
    }
    if (index % 1000 === 999 || index === bundles - 1) progress(auditor.verifiedLeaves, checkpoint.size);
  }
  if (!auditor.root().equals(checkpoint.root))
    throw new LogRejected(`the tiles hash to a root other than the checkpoint's: the log was altered or the mirror is incomplete`);
  if (earlier && !auditor.earlierRoot().equals(earlier.root)) {
    throw new LogRejected(
      `the log is not consistent with the checkpoint saved before (size ${earlier.size}): its first ${earlier.size} leaves have another root; the log was rewritten or forked`,
    );
  }
  return { checkpoint, totals: auditor.totals, note };
}
