import { appendAuditAnchor, readAuditAnchors } from '../crypto/audit-anchors.ts';
import type { KeyFile, Keys } from '../crypto/keys.ts';
import { loadNextLogKey } from '../crypto/log-key.ts';
import type { DatabaseHandle } from '../db/create-db.ts';
import { signerFromSeed, verifierKey } from '../domain/log/note.ts';
import { type AuditRepository, createAuditRepository } from '../repositories/audit-repository.ts';
import { checkpointNotes } from '../repositories/log/checkpoint-notes.ts';
import { type AuditService, createAuditService } from '../services/audit-service.ts';
import { createCheckpointAnchors } from '../services/log/checkpoint-anchors.ts';
import { checkKeys, loadLogKey, recordNewKeys } from './key-checks.ts';

/** The audit chain as a start leaves it: keyed, checked against the keys, anchored, and the log's key beside it. */
export interface AuditChain {
  auditRepository: AuditRepository;
  audit: AuditService;
  logKey: Awaited<ReturnType<typeof loadLogKey>>;
}

/**
 * A start's work on the keys and the audit chain, in the order it must be done: the keys checked
 * against the data they sealed, the log's key loaded, the chain keyed (migration 0027) and bound to
 * the log's checkpoints, a legacy chain re-chained once, every key this start made audited, and the
 * head anchored outside the database.
 */
export async function openAuditChain(
  dataDir: string,
  logOrigin: string,
  database: DatabaseHandle,
  keys: Keys,
  made: { created: KeyFile[]; inherited: KeyFile[] },
): Promise<AuditChain> {
  const auditRepository = createAuditRepository(keys);
  await checkKeys(dataDir, database, keys, made, auditRepository);
  const logKey = await loadLogKey(dataDir, database);
  const audit = createAuditService({
    db: database.db,
    audit: auditRepository,
    anchors: { read: () => readAuditAnchors(dataDir), append: (anchor) => appendAuditAnchor(dataDir, anchor) },
    // Each checkpoint of the transparency log anchors the chain's head too (docs/threat-model.md), checked under the log's keys.
    checkpointAnchors: createCheckpointAnchors({
      db: database.db,
      notes: checkpointNotes,
      audit: auditRepository,
      verifierKeys: [logKey.seed, loadNextLogKey(dataDir)].flatMap((seed) => (seed ? [verifierKey(signerFromSeed(logOrigin, seed))] : [])),
    }),
    now: () => new Date(),
  });
  // Before any new entry: a database from before the keyed chain is re-chained under the key once.
  await audit.keyLegacyChain();
  // One audit entry for every key this start made, the log's among them.
  const { created, inherited } = made;
  if (created.length > 0 || inherited.length > 0 || logKey.created)
    await recordNewKeys(database, auditRepository, logKey.created ? [...created, 'log-signing'] : created, inherited);
  // Each start anchors the head outside the database, so from the first entry on the anchors file says the chain is keyed.
  await audit.anchor();
  return { auditRepository, audit, logKey };
}
