import { createHash } from 'node:crypto';

/** The first entry links to this, so the chain has a fixed start. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: string;
}

/**
 * Each entry's hash covers its fields and the previous hash, so deleting,
 * reordering or editing any entry breaks every hash after it.
 */
export function auditHash(previousHash: string, fields: AuditFields): string {
  const canonical = JSON.stringify([
    previousHash,
    fields.at,
    fields.actorId,
    fields.actor,
    fields.action,
    fields.targetType,
    fields.targetId,
    fields.details,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
