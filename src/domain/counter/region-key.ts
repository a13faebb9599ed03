import { aliasKey } from '../declaration/alias-key.ts';
import { REGIONS } from '../declaration/regions.ts';

const REGION_KEYS = REGIONS.map((region) => ({ zh: region.zh, en: region.en.toLowerCase() }));

/**
 * Keys of regions already seen: folding a region's script is the dearest step of counting a
 * statement, and an import of the old archive counts millions whose regions repeat. Bounded.
 */
const known = new Map<string, string>();
const KNOWN_AT_MOST = 10_000;

/**
 * The province a free-text region belongs to, for the statistics by region:
 * "辽宁大连", "遼寧" and "Liaoning" all count under 辽宁. Unknown text is "other".
 */
export function regionKey(region: string | null): string {
  if (!region) return 'none';
  let key = known.get(region);
  if (key === undefined) {
    const folded = aliasKey(region);
    const lower = region.trim().toLowerCase();
    const match = REGION_KEYS.find((candidate) => folded.startsWith(candidate.zh) || lower.startsWith(candidate.en));
    key = match ? match.zh : 'other';
    if (known.size >= KNOWN_AT_MOST) known.clear();
    known.set(region, key);
  }
  return key;
}
