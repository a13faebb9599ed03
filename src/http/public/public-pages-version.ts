import type { Logger } from '../../logging/logger.ts';
import type { DeclarationService } from '../../services/declaration-service.ts';
import { FreshValue } from '../../services/fast-lane/fresh-value.ts';
import type { PublicChanges } from '../../services/fast-lane/public-changes.ts';
import type { DataVersion } from '../fast-lane/prepared-response.ts';

/**
 * How long pages kept whole (permalinks in memory, day pages on disk) are served without reading the
 * public pages' version again: a change to a published declaration made by another process (or by
 * hand in SQL) shows within this time. Shared HTTP caches may keep a page for its max-age.
 */
const RECHECK_MS = 1000;

/** What kept pages check before they are served. */
export interface PublicPagesVersions {
  /** Moves when a published declaration changes: pages of declarations without proofs (day pages). */
  rows: DataVersion;
  /** Moves with the rows and when the log gives leaves: pages that show a proof (permalinks). */
  withProofs: DataVersion;
}

/**
 * The public pages' version (migrations 0009 and 0035) as every kept page checks it: one read of both
 * rows at most about once a second, and again at once after this process changed a published
 * declaration.
 */
export function publicPagesVersions(
  declarations: DeclarationService,
  publicChanges: PublicChanges,
  clock: () => number,
  logger: Logger,
): PublicPagesVersions {
  const version = new FreshValue(() => declarations.publicPagesVersion(), RECHECK_MS, { name: "public pages' version", logger, clock });
  publicChanges.subscribe(() => version.clear());
  // Two counters that only go up: their sum moves whenever either does.
  const view = (of: (read: { rows: number; proofs: number }) => number): DataVersion => ({
    current: () => {
      const read = version.current();
      return read && of(read);
    },
    get: async () => of(await version.get()),
  });
  return { rows: view((read) => read.rows), withProofs: view((read) => read.rows + read.proofs) };
}
