import { aliasKey } from '../declaration/alias-key.ts';
import { REGIONS } from '../declaration/regions.ts';

const REGION_KEYS = REGIONS.map((region) => ({ zh: region.zh, en: region.en.toLowerCase() }));

/**
 * The province a free-text region belongs to, for the statistics by region:
 * "辽宁大连", "遼寧" and "Liaoning" all count under 辽宁. Unknown text is "other".
 */
export function regionKey(region: string | null): string {
  if (!region) return 'none';
  const folded = aliasKey(region);
  const lower = region.trim().toLowerCase();
  const match = REGION_KEYS.find((candidate) => folded.startsWith(candidate.zh) || lower.startsWith(candidate.en));
  return match ? match.zh : 'other';
}
