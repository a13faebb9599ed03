import { randomBytes, randomInt } from 'node:crypto';
import { signCheckpoint } from '../../domain/log/checkpoint.ts';
import {
  commitment,
  encodeEntry,
  organisationsMask,
  type LogEntry,
  type PublicRecord,
  type WithdrawalReason,
} from '../../domain/log/entry.ts';
import { HASH_BYTES, leafHash } from '../../domain/log/hash.ts';
import type { NoteSigner } from '../../domain/log/note.ts';
import { appendTiles, decodeBundle, encodeBundle, levelWidth, TILE_WIDTH } from '../../domain/log/tiles.ts';
import { treeHash } from '../../domain/log/tree.ts';
import {
  ENTRIES_LEVEL,
  type LogRepository,
  type QueuedCarried,
  type QueuedChange,
  type StoredTile,
} from '../../repositories/log/log-repository.ts';
import type { Executor } from '../../repositories/executor.ts';
import { edgeKey, withTiles } from './tile-cache.ts';

/** The public record a statement's commitment binds, from its row. */
export function publicRecord(row: {
  registrationNumber: string;
  headcount: number;
  party: number;
  league: number;
  pioneers: number;
  countedDay: string | null;
  admission: PublicRecord['admission'];
}): PublicRecord {
  return {
    registrationNumber: row.registrationNumber,
    headcount: row.headcount,
    organisations: organisationsMask(row),
    day: row.countedDay ?? '1970-01-01',
    admission: row.admission,
  };
}

function withdrawalReason(change: QueuedChange): WithdrawalReason {
  if (change.status === 'retracted') return 'retracted';
  return change.duplicateOf !== null ? 'duplicate' : 'unpublished';
}

interface Pending {
  entry: LogEntry;
  /** Absent for a `carried` entry. */
  declarationId?: number;
  salt?: string;
  eraseSalt?: boolean;
}

/**
 * What the log must say of the queued changes: a `declared` entry for a statement counted now and
 * not yet declared, a `withdrawn` entry for one declared and no longer counted; nothing for the rest
 * (a statement published and taken back between two batches never counted at a batch).
 */
function entriesFor(changes: readonly QueuedChange[]): Pending[] {
  const seen = new Set<number>();
  const out: Pending[] = [];
  // One draw from the system's generator for the whole batch, rather than one per statement.
  const salts = randomBytes(32 * changes.length);
  for (const [i, change] of changes.entries()) {
    if (seen.has(change.declarationId)) continue;
    seen.add(change.declarationId);
    const counted =
      change.status === 'published' && change.duplicateOf === null && change.countedDay !== null && change.registrationNumber !== null;
    if (counted && change.declaredLeaf === null) {
      const salt = salts.subarray(32 * i, 32 * (i + 1));
      const record = publicRecord({ ...change, registrationNumber: change.registrationNumber! });
      out.push({
        entry: {
          kind: 'declared',
          headcount: record.headcount,
          organisations: record.organisations,
          day: record.day,
          admission: record.admission,
          commitment: commitment(salt, record),
        },
        declarationId: change.declarationId,
        salt: salt.toString('hex'),
      });
    } else if (!counted && change.declaredLeaf !== null && change.withdrawnLeaf === null) {
      const reason = withdrawalReason(change);
      out.push({
        entry: { kind: 'withdrawn', leafIndex: change.declaredLeaf, reason },
        declarationId: change.declarationId,
        // The declarant took it back: nobody may tie the leaf to the statement any more.
        eraseSalt: reason === 'retracted',
      });
    }
  }
  return out;
}

/**
 * A `carried` entry for each queued day whose figure now differs from the log's latest for it (none
 * yet counts as 0): the figure as it stands at the batch, so changes in between never reach the log.
 */
function carriedEntriesFor(days: readonly QueuedCarried[]): Pending[] {
  const latest = new Map(days.map((day) => [day.day, day] as const));
  return [...latest.values()]
    .filter((day) => day.people !== (day.loggedPeople ?? 0))
    .map((day) => ({ entry: { kind: 'carried', day: day.day, people: day.people, source: 'legacy' } }));
}

/** Fisher–Yates with a cryptographic generator: leaf order within a batch says nothing about arrival. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export interface AppendDeps {
  log: LogRepository;
  signer: NoteSigner;
  /** During a key rotation, the next key: each checkpoint is signed with both. */
  nextSigner?: NoteSigner;
  now: () => Date;
}

/**
 * One batch, in the caller's transaction: takes up to `limit` queued changes, appends their entries
 * shuffled, writes the tiles that change and a new signed checkpoint. Returns how many entries it
 * appended and how many queued changes it took (0 when the queue was empty).
 */
export async function appendBatch(
  trx: Executor,
  deps: AppendDeps,
  limit: number,
): Promise<{ entries: number; taken: number; size: number }> {
  const { log } = deps;
  await log.lock(trx);
  const size = (await log.latestCheckpoint(trx))?.size ?? 0;
  const queued = await log.queued(trx, limit);
  const queuedDays = await log.queuedCarried(trx, limit);
  const taken = queued.length + queuedDays.length;
  if (taken === 0) return { entries: 0, taken: 0, size };
  const pending = shuffle([...entriesFor(queued), ...carriedEntriesFor(queuedDays)]);
  await log.dequeue(
    trx,
    queued.map((change) => change.queueId),
  );
  await log.dequeueCarried(
    trx,
    queuedDays.map((day) => day.queueId),
  );
  if (pending.length === 0) return { entries: 0, taken, size };

  const declared = pending.flatMap((p, i) => (p.salt ? [{ declarationId: p.declarationId!, salt: p.salt, leaf: size + i }] : []));
  await log.insertStatements(trx, declared);
  for (const [i, p] of pending.entries()) {
    if (p.entry.kind === 'withdrawn')
      await log.markWithdrawn(trx, { declarationId: p.declarationId!, leaf: size + i, eraseSalt: p.eraseSalt ?? false });
  }
  await log.saveCarried(
    trx,
    pending.flatMap((p, i) => (p.entry.kind === 'carried' ? [{ day: p.entry.day, people: p.entry.people, leaf: size + i }] : [])),
  );

  const encoded = pending.map((p) => encodeEntry(p.entry));
  const edges = [edgeKey(ENTRIES_LEVEL, size)];
  for (let level = 0; levelWidth(size, level) > 0; level++) edges.push(edgeKey(level, levelWidth(size, level)));
  const edgeTiles = new Map<string, StoredTile>();
  for (const tile of await log.tiles(
    trx,
    edges.filter((e) => e !== undefined),
  ))
    edgeTiles.set(`${tile.level}/${tile.index}`, tile);
  const edgeOf = (level: number, width: number) => {
    const key = edgeKey(level, width);
    if (!key) return Buffer.alloc(0);
    const tile = edgeTiles.get(`${level}/${key.index}`);
    if (!tile) throw new Error(`the log has no tile ${level}/${key.index}`);
    return tile.data;
  };

  const writes: StoredTile[] = [];
  // Entry bundles: the partial one grows, and new ones follow.
  const kept = decodeBundle(edgeOf(ENTRIES_LEVEL, size));
  if ('error' in kept) throw new Error(`the log's last entry bundle is unreadable: ${kept.error}`);
  const bundled = [...kept.slice(0, size % TILE_WIDTH), ...encoded];
  for (let t = 0; t * TILE_WIDTH < bundled.length; t++) {
    const slice = bundled.slice(t * TILE_WIDTH, (t + 1) * TILE_WIDTH);
    writes.push({ level: ENTRIES_LEVEL, index: Math.floor(size / TILE_WIDTH) + t, width: slice.length, data: encodeBundle(slice) });
  }
  const hashTiles = appendTiles(
    size,
    encoded.map((entry) => leafHash(entry)),
    (level) => edgeOf(level, levelWidth(size, level)).subarray(0, (levelWidth(size, level) % TILE_WIDTH) * HASH_BYTES),
  );
  for (const tile of hashTiles)
    writes.push({ level: tile.level, index: tile.index, width: tile.hashes.length / HASH_BYTES, data: tile.hashes });
  await log.putTiles(trx, writes);

  const newSize = size + encoded.length;
  const cache = new Map([...edgeTiles.values(), ...writes].map((tile) => [`${tile.level}/${tile.index}`, tile] as const));
  const root = await withTiles(
    newSize,
    (keys) => log.tiles(trx, keys),
    (stored) => treeHash(stored, newSize),
    cache,
  );
  const note = signCheckpoint(
    { origin: deps.signer.name, size: newSize, root },
    deps.signer,
    ...(deps.nextSigner ? [deps.nextSigner] : []),
  );
  await log.insertCheckpoint(trx, { size: newSize, root: root.toString('base64'), note }, deps.now());
  // A permalink shows its statement's leaf: pages of statements declared just now must be rendered again.
  if (declared.length > 0) await log.touchPublicPages(trx);
  return { entries: encoded.length, taken, size: newSize };
}
