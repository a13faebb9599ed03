import { setImmediate } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { parseCheckpointNote, signCheckpoint } from '../../domain/log/checkpoint.ts';
import { canonicalRecord, commitment, encodeEntry } from '../../domain/log/entry.ts';
import { EMPTY_ROOT } from '../../domain/log/hash.ts';
import { verifierKey, type NoteSigner } from '../../domain/log/note.ts';
import { decodeBundle, encodeBundle, levelWidth, parseTilePath, TILE_WIDTH, tilePath } from '../../domain/log/tiles.ts';
import { consistencyProof, inclusionProof } from '../../domain/log/tree.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import { ENTRIES_LEVEL, type LogRepository, type StoredTile } from '../../repositories/log/log-repository.ts';
import { fail, ok, type Result } from '../result.ts';
import { appendBatch, publicRecord } from './append.ts';
import { ProofReader } from './proof-reader.ts';
import { indexTiles, verifyTileNodes, type TileIndexProgress } from './tile-index.ts';
import type { RegistrationNumbers } from '../registration-numbers.ts';

/** Changes taken per batch: one transaction, one checkpoint. A backlog is worked off in several. */
const BATCH_CHANGES = 20_000;

export interface LogServiceDeps {
  db: Kysely<Database>;
  log: LogRepository;
  /** `head` anchors the audit chain in each checkpoint (services/log/append.ts). */
  audit: Pick<AuditRepository, 'append' | 'head'>;
  signer: NoteSigner;
  /** During a key rotation, the key it moves to (docs/transparency.md, "Rotation"). */
  nextSigner?: NoteSigner;
  /** A number's serial, by which its statement is found through an index. */
  numbers: Pick<RegistrationNumbers, 'ref'>;
  now?: () => Date;
}

export interface Checkpoint {
  size: number;
  /** base64, as in the note. */
  root: string;
  /** The signed note, byte for byte as /log/checkpoint serves it. */
  note: string;
}

/**
 * Between two batches of a backlog, at least a turn of the event loop: node:sqlite answers at once, so
 * a run of batches is otherwise one chain of microtasks, and a server building a large backlog would
 * answer no request until the end. A server waits longer (jobs/log-batches.ts).
 */
async function nextTurn(): Promise<boolean> {
  await setImmediate();
  return true;
}

/** How far `publish` has got: entries appended and queued changes taken so far, of those queued when it began. */
export interface PublishProgress {
  entries: number;
  size: number;
  taken: number;
  queued: number;
}

export interface InclusionProof {
  leafIndex: number;
  /** The entry's bytes in base64: decode it to see what the leaf says. */
  entry: string;
  proof: string[];
}

export interface StatementProof {
  registrationNumber: string;
  /** Hex; null once the declarant retracted the statement, and the leaf may no longer be tied to it. */
  salt: string | null;
  /** The canonical public record the commitment binds (docs/transparency.md). */
  record: string | null;
  checkpoint: Checkpoint;
  declared: InclusionProof;
  /** The leaf that took it out of the count, if one did. */
  withdrawn: InclusionProof | null;
}

export interface PermalinkProof {
  leafIndex: number;
  salt: string;
  record: string;
  checkpoint: { size: number; root: string };
  proof: string[];
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Tiles read per query while mirroring. */
const MIRROR_PAGE = 256;

/** A stored tile at a width up to its own: a partial tile of an older tree is the start of today's, whose first hashes never change. */
async function tileBytes(tile: StoredTile, width: number): Promise<Buffer> {
  if (tile.level !== ENTRIES_LEVEL) return tile.data.subarray(0, width * 32);
  if (width === tile.width) return tile.data;
  const entries = decodeBundle(tile.data);
  if ('error' in entries) throw new Error(`entry bundle ${tile.index}: ${entries.error}`);
  return encodeBundle(entries.slice(0, width));
}

export function createLogService({ db, log, audit, signer, nextSigner, numbers, now = () => new Date() }: LogServiceDeps) {
  const also = nextSigner ? [nextSigner] : [];
  const empty: Checkpoint = {
    size: 0,
    root: b64(EMPTY_ROOT),
    note: signCheckpoint({ origin: signer.name, size: 0, root: EMPTY_ROOT }, signer, ...also),
  };
  const latest = async (): Promise<Checkpoint> => (await log.latestCheckpoint(db)) ?? empty;
  // Proofs for readers: permalinks and the proof APIs, one query per proof (tiles with their inner nodes) and the upper levels kept.
  const proofs = new ProofReader((keys) => log.proofTiles(db, keys));

  /** The entry at a leaf and its inclusion proof in the tree of `size`. */
  async function inclusion(leafIndex: number, size: number): Promise<InclusionProof> {
    const [bundle] = await log.tiles(db, [{ level: ENTRIES_LEVEL, index: Math.floor(leafIndex / TILE_WIDTH) }]);
    const entries = bundle ? decodeBundle(bundle.data) : { error: 'missing' };
    const entry = 'error' in entries ? undefined : entries[leafIndex % TILE_WIDTH];
    if (!entry) throw new Error(`the log has no entry ${leafIndex}`);
    const proof = await proofs.run(size, (stored) => inclusionProof(stored, leafIndex, size));
    return { leafIndex, entry: b64(entry), proof: proof.map(b64) };
  }

  return {
    origin: signer.name,
    /** The verifier key, as `tuidang log key` prints it and verifiers take it. */
    verifierKey: verifierKey(signer),
    /** During a key rotation, the key it moves to, which each checkpoint is signed with too. */
    nextVerifierKey: nextSigner && verifierKey(nextSigner),

    /**
     * Signs the latest checkpoint again with the keys held now, so a rotation's new key (or the end of
     * the old one) holds from the checkpoint served at once, not from the next batch's. The checkpoint
     * itself, size and root, stays as it was. A key operation: audited, naming the keys now signing.
     */
    async resign(step: 'begun' | 'finished'): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await log.lock(trx);
        await audit.append(trx, {
          at: now(),
          actorId: null,
          actor: 'system',
          action: `log.keyRotation.${step}`,
          targetType: 'keys',
          targetId: null,
          details: { verifierKeys: [signer, ...also].map(verifierKey) },
        });
        const stored = await log.latestCheckpoint(trx);
        if (!stored) return;
        const checkpoint = parseCheckpointNote(stored.note);
        if ('error' in checkpoint) throw new Error(`the latest checkpoint is unreadable: ${checkpoint.error}`);
        await log.replaceCheckpointNote(trx, stored.size, signCheckpoint(checkpoint, signer, ...also));
      });
    },

    /**
     * Appends everything queued, batch after batch, each shuffled and checkpointed. Several servers
     * may run it at once: batches take the log's lock in turn, and the later finds less to do.
     * `between` runs between two batches of a backlog; publishing stops there when it says false.
     */
    async publish(
      onProgress: (report: PublishProgress) => void = () => {},
      between: () => Promise<boolean> = nextTurn,
    ): Promise<{ entries: number; size: number }> {
      let entries = 0;
      let taken = 0;
      let size = (await latest()).size;
      // What waits now, for the progress report: changes queued meanwhile are taken too, so it may grow.
      const queued = await log.queuedCount(db);
      for (;;) {
        const batch = await db
          .transaction()
          .execute((trx) => appendBatch(trx, { log, signer, nextSigner, now, auditHead: (db) => audit.head(db) }, BATCH_CHANGES));
        entries += batch.entries;
        taken += batch.taken;
        size = batch.size;
        if (batch.taken > 0) onProgress({ entries, size, taken, queued: Math.max(queued, taken) });
        if (batch.taken < BATCH_CHANGES || !(await between())) return { entries, size };
      }
    },

    checkpoint: latest,

    /** Stores the inner nodes of the full tiles that lack them (a log built before migration 0033); resumable. */
    indexTiles: (onProgress: (progress: TileIndexProgress) => void = () => {}) => indexTiles(db, log, onProgress),

    /** Checks the stored inner nodes against their tiles. */
    verifyTileNodes: (onProgress: (progress: TileIndexProgress) => void = () => {}) => verifyTileNodes(db, log, onProgress),

    /** Published changes not yet in the log. Read before the checkpoint, so a batch in between can only overstate it. */
    pendingChanges: () => log.queuedCount(db),

    /** A tile as C2SP tlog-tiles serves it, or undefined when the path names none of this log. */
    async tile(path: string): Promise<Buffer | undefined> {
      const id = parseTilePath(path);
      if (!id) return undefined;
      const [tile] = await log.tiles(db, [{ level: id.level === 'entries' ? ENTRIES_LEVEL : id.level, index: id.index }]);
      return tile && tile.width >= id.width ? tileBytes(tile, id.width) : undefined;
    },

    /**
     * Every tile of the tree of `size` leaves, as a mirror stores them: full tiles, and each level's
     * partial edge at the width that tree has (a batch appended since only made the stored one wider).
     */
    async *files(size: number): AsyncGenerator<{ path: string; data: Buffer }> {
      for (let level = ENTRIES_LEVEL; level === ENTRIES_LEVEL || levelWidth(size, level) > 0; level++) {
        const nodes = level === ENTRIES_LEVEL ? size : levelWidth(size, level);
        for (let from = 0; from * TILE_WIDTH < nodes; ) {
          const tiles = await log.tilesFrom(db, level, from, MIRROR_PAGE);
          for (const tile of tiles) {
            const width = Math.min(TILE_WIDTH, nodes - tile.index * TILE_WIDTH);
            if (width <= 0) break;
            const path = tilePath({ level: level === ENTRIES_LEVEL ? 'entries' : level, index: tile.index, width });
            yield { path, data: await tileBytes(tile, width) };
          }
          if (tiles.length < MIRROR_PAGE) break;
          from = tiles.at(-1)!.index + 1;
        }
      }
    },

    /** The proof that the tree of `from` leaves is the start of the tree of `to`; both at most the latest checkpoint's size. */
    async consistency(from: number, to: number): Promise<Result<{ from: number; to: number; proof: string[] }>> {
      const size = (await latest()).size;
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to || to > size) return fail('log.rangeInvalid');
      const proof = await proofs.run(to, (stored) => consistencyProof(stored, from, to));
      return ok({ from, to, proof: proof.map(b64) });
    },

    /**
     * What a statement's permalink shows of the log: its leaf, salt and record, with an inclusion proof
     * against the checkpoint of the moment. A page kept after the log grew still proves its leaf in
     * that checkpoint, which the consistency API ties to any later one. Undefined until it is logged.
     */
    async permalinkProof(registrationNumber: string): Promise<PermalinkProof | undefined> {
      const checkpoint = await latest();
      const statement = await log.statementByNumber(db, numbers.ref(registrationNumber));
      if (!statement || statement.salt === null || statement.declaredLeaf >= checkpoint.size) return undefined;
      const proof = await proofs.run(checkpoint.size, (stored) => inclusionProof(stored, statement.declaredLeaf, checkpoint.size));
      return {
        leafIndex: statement.declaredLeaf,
        salt: statement.salt,
        record: canonicalRecord(publicRecord(statement)),
        checkpoint: { size: checkpoint.size, root: checkpoint.root },
        proof: proof.map(b64),
      };
    },

    /** A statement's salt, leaf and inclusion proof against the latest checkpoint. */
    async proof(registrationNumber: string): Promise<Result<StatementProof>> {
      const checkpoint = await latest();
      const statement = await log.statementByNumber(db, numbers.ref(registrationNumber));
      if (!statement || statement.declaredLeaf >= checkpoint.size) return fail('log.notLogged');
      const record = publicRecord(statement);
      const declared = await inclusion(statement.declaredLeaf, checkpoint.size);
      if (statement.salt !== null) {
        // The leaf must say what the statement says; a mismatch is a bug to see, not a proof to serve.
        const expected = encodeEntry({ kind: 'declared', ...record, commitment: commitment(Buffer.from(statement.salt, 'hex'), record) });
        if (!Buffer.from(declared.entry, 'base64').equals(expected))
          throw new Error(`leaf ${statement.declaredLeaf} does not match its statement`);
      }
      const withdrawn =
        statement.withdrawnLeaf !== null && statement.withdrawnLeaf < checkpoint.size
          ? await inclusion(statement.withdrawnLeaf, checkpoint.size)
          : null;
      return ok({
        registrationNumber: statement.registrationNumber,
        salt: statement.salt,
        record: statement.salt === null ? null : canonicalRecord(record),
        checkpoint,
        declared,
        withdrawn,
      });
    },
  };
}

export type LogService = ReturnType<typeof createLogService>;
