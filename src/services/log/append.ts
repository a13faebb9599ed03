import { randomBytes, randomInt } from 'node:crypto';
import { auditHeadLine, type AuditHeadLine } from '../../domain/audit/anchor-line.ts';
import { signCheckpoint } from '../../domain/log/checkpoint.ts';
import { organisationsMask, type PublicRecord, type WithdrawalReason } from '../../domain/log/entry.ts';
import { EntryWriter } from '../../domain/log/entry-writer.ts';
import { HASH_BYTES } from '../../domain/log/hash.ts';
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

/** An entry the batch will append: a statement to declare or withdraw (its queued row), or a carried-over day. */
type Pending =
  | { kind: 'declared'; change: QueuedChange }
  | { kind: 'withdrawn'; change: QueuedChange; leafIndex: number; reason: WithdrawalReason }
  | { kind: 'carried'; day: string; people: number };

/**
 * What the log must say of the queued changes: a `declared` entry for a statement counted now and
 * not yet declared, a `withdrawn` entry for one declared and no longer counted; nothing for the rest
 * (a statement published and taken back between two batches never counted at a batch).
 */
function entriesFor(changes: readonly QueuedChange[], out: Pending[]): void {
  const seen = new Set<number>();
  for (const change of changes) {
    if (seen.has(change.declarationId)) continue;
    seen.add(change.declarationId);
    const counted =
      change.status === 'published' && change.duplicateOf === null && change.countedDay !== null && change.registrationNumber !== null;
    if (counted && change.declaredLeaf === null) out.push({ kind: 'declared', change });
    else if (!counted && change.declaredLeaf !== null && change.withdrawnLeaf === null)
      out.push({ kind: 'withdrawn', change, leafIndex: change.declaredLeaf, reason: withdrawalReason(change) });
  }
}

/**
 * A `carried` entry for each queued day whose figure now differs from the log's latest for it (none
 * yet counts as 0): the figure as it stands at the batch, so changes in between never reach the log.
 */
function carriedEntriesFor(days: readonly QueuedCarried[], out: Pending[]): void {
  const latest = new Map(days.map((day) => [day.day, day] as const));
  for (const day of latest.values())
    if (day.people !== (day.loggedPeople ?? 0)) out.push({ kind: 'carried', day: day.day, people: day.people });
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
  /**
   * The audit chain's head, read in the batch's transaction and signed into its checkpoint as an
   * extension line: an anchor outside the reach of someone who can only write to the database
   * (docs/threat-model.md, "A malicious or coerced insider").
   */
  auditHead?: (trx: Executor) => Promise<AuditHeadLine | null>;
}

/**
 * Encodes the shuffled entries at leaves size, size+1, …, with their leaf hashes, and notes what each
 * changes in the log's tables: new statements (each with a new salt), withdrawals, carried figures.
 */
function encode(pending: readonly Pending[], size: number) {
  const writer = new EntryWriter(pending.length);
  const statements: { declarationId: number; salt: string; leaf: number }[] = [];
  const withdrawals: { declarationId: number; leaf: number; eraseSalt: boolean }[] = [];
  const carried: { day: string; people: number; leaf: number }[] = [];
  // One draw from the system's generator for the whole batch, rather than one per statement.
  const salts = randomBytes(32 * pending.length);
  for (let i = 0; i < pending.length; i++) {
    const p = pending[i]!;
    const leaf = size + i;
    if (p.kind === 'declared') {
      const { change } = p;
      writer.declared(
        {
          registrationNumber: change.registrationNumber!,
          headcount: change.headcount,
          organisations: organisationsMask(change),
          day: change.countedDay!,
          admission: change.admission,
        },
        salts,
        32 * i,
      );
      statements.push({ declarationId: p.change.declarationId, salt: salts.toString('hex', 32 * i, 32 * (i + 1)), leaf });
    } else if (p.kind === 'withdrawn') {
      writer.other({ kind: 'withdrawn', leafIndex: p.leafIndex, reason: p.reason });
      // The declarant took it back: nobody may tie the leaf to the statement any more.
      withdrawals.push({ declarationId: p.change.declarationId, leaf, eraseSalt: p.reason === 'retracted' });
    } else {
      writer.other({ kind: 'carried', day: p.day, people: p.people, source: 'legacy' });
      carried.push({ day: p.day, people: p.people, leaf });
    }
  }
  return { writer, statements, withdrawals, carried };
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
  const pending: Pending[] = [];
  entriesFor(queued, pending);
  carriedEntriesFor(queuedDays, pending);
  shuffle(pending);
  await log.dequeue(
    trx,
    queued.map((change) => change.queueId),
  );
  await log.dequeueCarried(
    trx,
    queuedDays.map((day) => day.queueId),
  );
  if (pending.length === 0) return { entries: 0, taken, size };

  const { writer, statements, withdrawals, carried } = encode(pending, size);
  // In the order of their keys, so the table's B-tree takes them as appends rather than scattered inserts.
  await log.insertStatements(
    trx,
    statements.toSorted((a, b) => a.declarationId - b.declarationId),
  );
  for (const withdrawal of withdrawals) await log.markWithdrawn(trx, withdrawal);
  await log.saveCarried(trx, carried);

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
  // Entry bundles: the partial one grows, and new ones follow, cut from the writer's bytes.
  const keptCount = size % TILE_WIDTH;
  const kept = decodeBundle(edgeOf(ENTRIES_LEVEL, size));
  if ('error' in kept || kept.length < keptCount) throw new Error(`the log's last entry bundle is unreadable`);
  const keptBytes = encodeBundle(kept.slice(0, keptCount));
  const count = writer.count;
  for (let t = 0, from = 0; from < count; t++) {
    const to = Math.min(count, (t + 1) * TILE_WIDTH - keptCount);
    const fresh = writer.bundleOf(from, to);
    const data = t === 0 && keptCount > 0 ? Buffer.concat([keptBytes, fresh]) : fresh;
    writes.push({ level: ENTRIES_LEVEL, index: Math.floor(size / TILE_WIDTH) + t, width: (t === 0 ? keptCount : 0) + to - from, data });
    from = to;
  }
  const hashTiles = appendTiles(size, writer.leafHashes.subarray(0, count * HASH_BYTES), (level) =>
    edgeOf(level, levelWidth(size, level)).subarray(0, (levelWidth(size, level) % TILE_WIDTH) * HASH_BYTES),
  );
  for (const tile of hashTiles)
    writes.push({ level: tile.level, index: tile.index, width: tile.hashes.length / HASH_BYTES, data: tile.hashes });
  await log.putTiles(trx, writes);
  // Each tile that filled, its inner nodes: a proof of one of its leaves then hashes 22 nodes, not 247.
  await log.putTileNodes(
    trx,
    hashTiles.flatMap((tile) => (tile.nodes ? [{ level: tile.level, index: tile.index, nodes: tile.nodes }] : [])),
  );

  const newSize = size + count;
  const cache = new Map([...edgeTiles.values(), ...writes].map((tile) => [`${tile.level}/${tile.index}`, tile] as const));
  const root = await withTiles(
    newSize,
    (keys) => log.tiles(trx, keys),
    (stored) => treeHash(stored, newSize),
    cache,
  );
  const auditHead = deps.auditHead ? await deps.auditHead(trx) : null;
  const note = signCheckpoint(
    { origin: deps.signer.name, size: newSize, root, ...(auditHead ? { extensions: [auditHeadLine(auditHead)] } : {}) },
    deps.signer,
    ...(deps.nextSigner ? [deps.nextSigner] : []),
  );
  await log.insertCheckpoint(trx, { size: newSize, root: root.toString('base64'), note }, deps.now());
  // A permalink shows its statement's leaf: pages of statements declared just now must be rendered again.
  if (statements.length > 0) await log.touchPublicPages(trx);
  return { entries: count, taken, size: newSize };
}
