import * as OpenCC from 'opencc-js';
import type { Locale } from './index.ts';

// Character-level conversion only ('tw', not 'twp'): a declarant's words are
// shown in the reader's script, never rewritten into another region's vocabulary.
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Shows Chinese text in the reader's script; English readers see it as written. */
export function inReaderScript(text: string, locale: Locale): string {
  if (locale === 'zh-hant') return toTraditional(text);
  if (locale === 'zh-hans') return toSimplified(text);
  return text;
}
