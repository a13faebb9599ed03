import type { Config } from '../config.ts';
import { loadKeys } from '../crypto/keys.ts';
import { openExclusiveSqlite } from '../db/exclusive-sqlite.ts';
import { RegistrationNumberCodec } from '../domain/declaration/registration-number.ts';
import { createAuditRepository } from '../repositories/audit-repository.ts';
import { declarationsRepository } from '../repositories/declarations/index.ts';
import { sqliteBulkImportWriter } from '../repositories/declarations/import-rows-sqlite.ts';
import { historyRepository } from '../repositories/history-repository.ts';
import { createBulkPostImport } from '../services/history/post-bulk.ts';

/**
 * `history import-posts --bulk` (services/history/post-bulk.ts), which needs the registry alone: made
 * after createServices has migrated it and checked its keys, and been closed.
 */
export function bulkPostImport(config: Config) {
  const { keys } = loadKeys(config.dataDir);
  const codec = new RegistrationNumberCodec(keys.numbers);
  return createBulkPostImport({
    openExclusive: () => openExclusiveSqlite(config.databaseUrl),
    bulkWriter: sqliteBulkImportWriter,
    declarations: declarationsRepository,
    history: historyRepository,
    audit: createAuditRepository(keys),
    receiptKey: keys.receipt,
    serialsOf: (candidates) => codec.decodeMany(candidates),
    timeZone: config.timeZone,
    now: () => new Date(),
  });
}
