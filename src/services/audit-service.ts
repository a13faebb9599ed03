import type { Kysely } from 'kysely';
import type { AuditAnchor } from '../crypto/audit-anchors.ts';
import type { Database } from '../db/schema.ts';
import type { AuditEntry, AuditFilter, AuditRepository, AuditVerification } from '../repositories/audit-repository.ts';
import type { CheckpointAnchors } from './log/checkpoint-anchors.ts';

/** The audit chain's heads kept outside the database (crypto/audit-anchors.ts, bound to the data dir). */
interface AuditAnchors {
  read(): { anchors: AuditAnchor[]; malformed: number };
  append(anchor: AuditAnchor): void;
}

export interface AuditServiceDeps {
  db: Kysely<Database>;
  audit: Pick<AuditRepository, 'list' | 'verify' | 'head' | 'keyLegacyChain'>;
  anchors: AuditAnchors;
  /** The heads the transparency log's signed checkpoints anchor (services/log/checkpoint-anchors.ts). */
  checkpointAnchors?: (outside?: readonly string[]) => Promise<CheckpointAnchors>;
  now: () => Date;
}

/** A verification, with what could not be read: lines of the anchors file, and stored checkpoints that do not verify. */
export type AuditReport = AuditVerification & { malformedAnchors: number; unverifiedCheckpoints?: number[] };

/** Reading the audit log (writing it is part of each audited change, in that change's transaction). */
export function createAuditService({ db, audit, anchors, checkpointAnchors, now }: AuditServiceDeps) {
  let lastAnchored: number | null = null;

  /** Writes the chain's head outside the database unless this process already wrote that head. */
  const anchor = async (): Promise<boolean> => {
    const head = await audit.head(db);
    if (!head || head.id === lastAnchored) return false;
    anchors.append({ at: now(), id: head.id, hash: head.hash });
    lastAnchored = head.id;
    return true;
  };

  return {
    /** Newest first, filtered by action, actor and target, at most `filter.limit` entries below `filter.beforeId`. */
    list: (filter: AuditFilter): Promise<AuditEntry[]> => audit.list(db, filter),
    /**
     * Walks the whole keyed chain and checks it against every anchor, in the file and in the log's
     * checkpoints; names the first entry that was altered, removed or reordered, or the last anchored
     * one when the end of the log was cut off, with the anchors that say so. `outsideCheckpoints` are
     * checkpoint notes kept away from the database, such as a mirror's.
     */
    async verify(outsideCheckpoints: readonly string[] = []): Promise<AuditReport> {
      const { anchors: heads, malformed } = anchors.read();
      const signed = checkpointAnchors ? await checkpointAnchors(outsideCheckpoints) : { anchors: [], unverified: [] };
      const result = await audit.verify(db, [...heads, ...signed.anchors]);
      return {
        ...result,
        malformedAnchors: malformed,
        ...(signed.unverified.length > 0 ? { unverifiedCheckpoints: signed.unverified } : {}),
      };
    },
    anchor,
    /** At start: keys the chain of a database from before migration 0027 (once), then anchors the head. */
    async keyLegacyChain(): Promise<number> {
      // Without the file (lost, or removed by someone who then rewrote the chain unkeyed), a signed
      // checkpoint that anchored a keyed head still forbids re-chaining; read only then, as it costs a signature check each.
      const anchored =
        anchors.read().anchors.length > 0 || (checkpointAnchors !== undefined && (await checkpointAnchors()).anchors.length > 0);
      const count = await audit.keyLegacyChain(db, anchored);
      if (count > 0) await anchor();
      return count;
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
export type { AnchorSource } from '../repositories/audit-repository.ts';
export type { AuditEntry };
