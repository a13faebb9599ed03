import { contactRetention } from './contact-retention.ts';
import { declarationEdits } from './edits.ts';
import { declarationImports } from './imports.ts';
import { declarationInserts } from './inserts.ts';
import { declarationRecords } from './records.ts';
import { statusChanges } from './status.ts';

/**
 * The one module that writes `declarations` rows (test/architecture/declaration-writes.test.ts holds
 * every other file to it): inserts, status changes that keep counters and search in step, and edits.
 */
export const declarationsRepository = {
  ...declarationRecords,
  ...declarationInserts,
  ...statusChanges,
  ...declarationEdits,
  ...declarationImports,
  ...contactRetention,
};

export type DeclarationsRepository = typeof declarationsRepository;
export type { DeclarationRecord } from './records.ts';
export type { NewDeclaration, PublicAdmission, WriteOutcome } from './inserts.ts';
export type { ImportGrams } from './imports.ts';
export { IMPORT_AT, IMPORT_WIDTH, addImportRow } from './import-rows.ts';
export type { ImportRows, ImportWriter } from './import-rows.ts';
export type { RedactedFields } from './edits.ts';
