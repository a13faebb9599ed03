import { createBatchEntry, type BatchEntryServiceDeps } from './entry.ts';
import { createBatchImport } from './import.ts';
import { createBatchTallies } from './tallies.ts';

/** Batch entry, the import of a file as batches, and the tallies of what volunteers entered. */
export function createBatchEntryService(deps: BatchEntryServiceDeps) {
  const entry = createBatchEntry(deps);
  return { ...entry, ...createBatchImport(entry), ...createBatchTallies(deps) };
}

export type BatchEntryService = ReturnType<typeof createBatchEntryService>;
