import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AuditEntry, AuditFilter, AuditRepository } from '../repositories/audit-repository.ts';

export interface AuditServiceDeps {
  db: Kysely<Database>;
  audit: Pick<AuditRepository, 'list' | 'verify'>;
}

/** Reading the audit log (writing it is part of each audited change, in that change's transaction). */
export function createAuditService({ db, audit }: AuditServiceDeps) {
  return {
    /** Newest first, filtered by action, actor and target, at most `filter.limit` entries below `filter.beforeId`. */
    list: (filter: AuditFilter): Promise<AuditEntry[]> => audit.list(db, filter),
    /** Walks the whole hash chain; names the first entry that was altered, removed or reordered. */
    verify: () => audit.verify(db),
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
export type { AuditEntry };
