import type { Kysely, Selectable } from 'kysely';
import type { Keys } from '../crypto/keys.ts';
import { open, seal } from '../crypto/seal.ts';
import { lockForChainAppend } from '../db/engine.ts';
import type { AuditLogTable, Database } from '../db/schema.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import { GENESIS_HASH, auditHash, auditMac, type AuditFields } from '../domain/audit/audit-chain.ts';
import type { Executor } from './executor.ts';

const AUDIT_CHAIN_LOCK = 7_461_001;
const PAGE = 1000;

export interface AuditEntry {
  id: number;
  at: Date;
  actorId: number | null;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  targetId?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/** A head of the chain recorded outside the database (crypto/audit-anchors.ts). */
export interface AuditHead {
  id: number;
  hash: string;
}

/**
 * Where an anchored head was read: the anchors file, or a signed checkpoint of the transparency log (by
 * its size), stored in the database or, `outside`, kept elsewhere (`audit verify --checkpoint`).
 */
export type AnchorSource = 'file' | { checkpoint: number; outside?: true };

/** An anchored head with where it was read. */
export interface SourcedAuditHead extends AuditHead {
  source: AnchorSource;
}

/**
 * Why verification stopped: `link` (an entry before it was removed or reordered), `hash` (its content
 * altered, or its link made without the key), `unkeyed` (an unkeyed link where the chain is keyed),
 * `anchor` (an anchored entry missing or different), `tail` (entries up to an anchored one deleted).
 */
export type AuditBreak = 'link' | 'hash' | 'unkeyed' | 'anchor' | 'tail';

export interface AuditVerification {
  checked: number;
  brokenAt: number | null;
  reason?: AuditBreak;
  /** For `anchor` and `tail`: the anchors the database contradicts. */
  anchoredBy?: AnchorSource[];
}

function fieldsOf(row: Selectable<AuditLogTable>): AuditFields {
  return {
    at: typeof row.at === 'string' ? row.at : row.at.toISOString(),
    actorId: row.actor_id,
    actor: row.actor,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
  };
}

async function* rowsInOrder(db: Executor): AsyncGenerator<Selectable<AuditLogTable>> {
  let lastId = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(PAGE).execute();
    if (rows.length === 0) return;
    yield* rows;
    lastId = (rows.at(-1) as Selectable<AuditLogTable>).id;
  }
}

/**
 * The append-only audit log, chained under the audit key (a file in the data dir, never in the
 * database). There is no delete here, and the one update is the single re-chaining of rows written
 * before the chain was keyed.
 */
/**
 * A redaction's detail `original` (what it took out of public view: the very text judged too
 * identifying to show) is stored sealed, bound to the entry's action and target, and opened again
 * for the audit log's readers; the chain covers the sealed text. Other actions' `original` (a
 * duplicate's original, a registration number) is public and stays as it is.
 */
const SEALED_DETAIL = 'original';
const SEALED_ACTIONS: ReadonlySet<string> = new Set(['declaration.redacted']);
const sealedContext = (action: string, targetId: string | null) => `audit:${action}:${targetId ?? ''}`;

function storedDetails(key: Buffer, entry: Omit<AuditEntry, 'id'>): string {
  if (!SEALED_ACTIONS.has(entry.action) || !(SEALED_DETAIL in entry.details)) return JSON.stringify(entry.details);
  const { [SEALED_DETAIL]: hidden, ...rest } = entry.details;
  return JSON.stringify({ ...rest, originalSealed: seal(key, JSON.stringify(hidden), sealedContext(entry.action, entry.targetId)) });
}

function readDetails(key: Buffer, row: Selectable<AuditLogTable>): Record<string, unknown> {
  const { originalSealed, ...rest } = JSON.parse(row.details) as Record<string, unknown>;
  if (typeof originalSealed !== 'string') return rest;
  return { ...rest, [SEALED_DETAIL]: JSON.parse(open(key, originalSealed, sealedContext(row.action, row.target_id))) };
}

export function createAuditRepository(keys: Pick<Keys, 'audit' | 'auditDetails'>) {
  const key = keys.audit;
  const repository = {
    /** Must run inside the transaction of the change it records. */
    async append(trx: Executor, entry: Omit<AuditEntry, 'id'>): Promise<void> {
      await lockForChainAppend(trx, AUDIT_CHAIN_LOCK);
      const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
      const fields: AuditFields = {
        at: toDbTime(entry.at),
        actorId: entry.actorId,
        actor: entry.actor,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        details: storedDetails(keys.auditDetails, entry),
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      await trx
        .insertInto('audit_log')
        .values({
          at: fields.at,
          actor_id: fields.actorId,
          actor: fields.actor,
          action: fields.action,
          target_type: fields.targetType,
          target_id: fields.targetId,
          details: fields.details,
          prev_hash: prevHash,
          hash: auditMac(key, prevHash, fields),
          keyed: 1,
        })
        .execute();
    },

    async list(db: Executor, filter: AuditFilter): Promise<AuditEntry[]> {
      let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
      if (filter.action) query = query.where('action', '=', filter.action);
      if (filter.actor) query = query.where('actor', '=', filter.actor);
      if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
      if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
      const rows = await query.execute();
      return rows.map((row) => ({
        id: row.id,
        at: fromDbTime(row.at),
        actorId: row.actor_id,
        actor: row.actor,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        details: readDetails(keys.auditDetails, row),
      }));
    },

    /** The last entry, for an anchor; null while the log is empty. */
    async head(db: Executor): Promise<AuditHead | null> {
      const row = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
      return row ?? null;
    },

    /** Whether any link was made with the key: then a lost or replaced audit key must be refused. */
    async anyKeyed(db: Executor): Promise<boolean> {
      return (await db.selectFrom('audit_log').select('id').where('keyed', '=', 1).limit(1).executeTakeFirst()) !== undefined;
    },

    /**
     * Walks the whole chain in id order and checks it against the anchors: returns the first broken
     * entry. Unkeyed links are accepted only from a database that was never keyed (no keyed entry
     * before them and no anchor yet), which the next start re-chains.
     */
    async verify(db: Executor, anchors: readonly (AuditHead | SourcedAuditHead)[] = []): Promise<AuditVerification> {
      // Several anchors may name one entry (the file and a checkpoint): each must agree with it.
      const anchored = new Map<number, { hash: string; source: AnchorSource }[]>();
      for (const anchor of anchors) {
        const named = anchored.get(anchor.id) ?? [];
        named.push({ hash: anchor.hash, source: 'source' in anchor ? anchor.source : 'file' });
        anchored.set(anchor.id, named);
      }
      let previous = GENESIS_HASH;
      let keyedSeen = anchors.length > 0;
      let lastId = 0;
      let checked = 0;
      for await (const row of rowsInOrder(db)) {
        const broken = (reason: AuditBreak): AuditVerification => ({ checked, brokenAt: row.id, reason });
        if (row.prev_hash !== previous) return broken('link');
        if (row.keyed === 1) keyedSeen = true;
        else if (keyedSeen) return broken('unkeyed');
        const expected = row.keyed === 1 ? auditMac(key, previous, fieldsOf(row)) : auditHash(previous, fieldsOf(row));
        if (expected !== row.hash) return broken('hash');
        const contradicted = (anchored.get(row.id) ?? []).filter((anchor) => anchor.hash !== row.hash);
        if (contradicted.length > 0) return { ...broken('anchor'), anchoredBy: contradicted.map((anchor) => anchor.source) };
        anchored.delete(row.id);
        previous = row.hash;
        lastId = row.id;
        checked++;
      }
      // Anchors left over name entries the walk did not meet: gone from the middle, or from the end.
      const missing = [...anchored.keys()].sort((a, b) => a - b)[0];
      if (missing === undefined) return { checked, brokenAt: null };
      const anchoredBy = anchored.get(missing)!.map((anchor) => anchor.source);
      return { checked, brokenAt: missing, reason: missing > lastId ? 'tail' : 'anchor', anchoredBy };
    },

    /**
     * Re-chains, under the key, the entries written before migration 0027, once: only while no
     * entry is keyed and no anchor exists, and only if their unkeyed chain is intact, so an altered
     * history is never blessed with valid keyed links. Returns how many entries it re-chained.
     */
    async keyLegacyChain(db: Kysely<Database>, anchorsExist: boolean): Promise<number> {
      if (anchorsExist) return 0;
      return db.transaction().execute(async (trx) => {
        await lockForChainAppend(trx, AUDIT_CHAIN_LOCK);
        if (await repository.anyKeyed(trx)) return 0;
        if ((await repository.verify(trx)).brokenAt !== null) return 0;
        let previous = GENESIS_HASH;
        let count = 0;
        for await (const row of rowsInOrder(trx)) {
          const hash = auditMac(key, previous, fieldsOf(row));
          await trx.updateTable('audit_log').set({ prev_hash: previous, hash, keyed: 1 }).where('id', '=', row.id).execute();
          previous = hash;
          count++;
        }
        return count;
      });
    },
  };
  return repository;
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
