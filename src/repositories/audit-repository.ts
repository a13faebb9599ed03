import type { Selectable } from 'kysely';
import { lockForChainAppend } from '../db/engine.ts';
import type { AuditLogTable } from '../db/schema.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import { GENESIS_HASH, auditHash, type AuditFields } from '../domain/audit/audit-chain.ts';
import type { Executor } from './executor.ts';

const AUDIT_CHAIN_LOCK = 7_461_001;

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

/** The append-only, hash-chained audit log. There is no update or delete here, on purpose. */
export const auditRepository = {
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
      details: JSON.stringify(entry.details),
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
        hash: auditHash(prevHash, fields),
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
      details: JSON.parse(row.details) as Record<string, unknown>,
    }));
  },

  /** Walks the whole chain in id order; returns the first broken entry, or null. */
  async verify(db: Executor): Promise<{ checked: number; brokenAt: number | null; reason?: string }> {
    let previous = GENESIS_HASH;
    let lastId = 0;
    let checked = 0;
    for (;;) {
      const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(1000).execute();
      if (rows.length === 0) return { checked, brokenAt: null };
      for (const row of rows) {
        if (row.prev_hash !== previous) return { checked, brokenAt: row.id, reason: 'link' };
        if (auditHash(row.prev_hash, fieldsOf(row)) !== row.hash) return { checked, brokenAt: row.id, reason: 'hash' };
        previous = row.hash;
        lastId = row.id;
        checked++;
      }
    }
  },
};

export type AuditRepository = typeof auditRepository;
