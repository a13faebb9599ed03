import { hongKongToSimplified as fromHongKong, taiwanToSimplified as fromTaiwan } from '../../i18n/script-converter.ts';

// Character-level conversions only: a key compares spellings, it never rewrites vocabulary.
// Taiwan and Hong Kong standards differ in a few variants (衞/衛, 着/著), so both are folded.

/** Whitespace (NFKC has already turned the ideographic space into U+0020) and the middle dots people type in names. */
const IGNORED = /[\s\u00B7\u0387\u2022\u2027\u2219\u22C5\u30FB\uFF65]/gu;

/**
 * Folds a name for duplicate warnings: 張三, 张三, '张 三' and '張·三' share a key, as do
 * 'Li Wei' and 'LIWEI'. A key is never shown; it only groups what a person would call the
 * same name, so it may fold more than a reader would.
 */
export function aliasKey(name: string): string {
  const compatible = name.normalize('NFKC');
  return fromHongKong(fromTaiwan(compatible)).toLowerCase().replace(IGNORED, '');
}

/**
 * Folds a region for duplicate warnings as aliasKey folds a name: 寧夏 and
 * 宁夏, 'Ning Xia' and 'ningxia' are one place. No region folds to the empty
 * string, so it matches only no region.
 */
export function regionMatchKey(region: string | null): string {
  return region === null ? '' : aliasKey(region);
}
