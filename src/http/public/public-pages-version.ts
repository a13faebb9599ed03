import type { DeclarationService } from '../../services/declaration-service.ts';
import { FreshValue } from '../../services/fast-lane/fresh-value.ts';
import type { PublicChanges } from '../../services/fast-lane/public-changes.ts';
import type { Logger } from '../../logging/logger.ts';

/**
 * How long pages kept whole (permalinks in memory, day pages on disk) are served without reading the
 * public pages' version again: a change to a published declaration made by another process (or by
 * hand in SQL) shows within this time. Shared HTTP caches may keep a page for its max-age.
 */
const RECHECK_MS = 1000;

/**
 * The public pages' version (migration 0009) as every kept page checks it: read at most about once a
 * second, and read again at once after this process changed a published declaration.
 */
export function publicPagesVersion(
  declarations: DeclarationService,
  publicChanges: PublicChanges,
  clock: () => number,
  logger: Logger,
): FreshValue<number> {
  const version = new FreshValue(() => declarations.publicPagesVersion(), RECHECK_MS, { name: "public pages' version", logger, clock });
  publicChanges.subscribe(() => version.clear());
  return version;
}
