import { createHash, createHmac } from 'node:crypto';

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
  return createHash('sha256').update(canonical(previousHash, fields)).digest('hex');
}

/**
 * The keyed link (migration 0027): the same canonical text under an HMAC whose key is a file in the
 * data dir. Someone who can only write to the database cannot make a valid link, so after deleting
 * an entry they cannot recompute the ones after it, as they could with `auditHash`.
 */
export function auditMac(key: Buffer, previousHash: string, fields: AuditFields): string {
  return createHmac('sha256', key).update(canonical(previousHash, fields)).digest('hex');
}

function canonical(previousHash: string, fields: AuditFields): string {
  return JSON.stringify([
    previousHash,
    fields.at,
    fields.actorId,
    fields.actor,
    fields.action,
    fields.targetType,
    fields.targetId,
    fields.details,
  ]);
}
