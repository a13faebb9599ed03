import type { Locale } from './index.ts';
import { rememberRecent } from './recent-conversions.ts';
import { simplifiedToTaiwan, taiwanToSimplified } from './script-converter.ts';

// Per direction a few thousand statements, or tens of thousands of names and titles
// (what that holds in heap: docs/performance.md).
const BUDGET = 1 << 20;
const toTraditional = rememberRecent(simplifiedToTaiwan, BUDGET);
const toSimplified = rememberRecent(taiwanToSimplified, BUDGET);

/**
 * Shows Chinese text in the reader's script; English readers see it as written.
 * Characters only ('tw', not 'twp'): a declarant's words are never rewritten into
 * another region's vocabulary.
 */
export function inReaderScript(text: string, locale: Locale): string {
  if (locale === 'zh-hant') return toTraditional(text);
  if (locale === 'zh-hans') return toSimplified(text);
  return text;
}
