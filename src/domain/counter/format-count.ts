import { numberFormat } from '../../i18n/formats.ts';
import type { Locale } from '../../i18n/index.ts';

/**
 * Drops digits instead of rounding, so a figure is never shown larger than it is; and drops the zeros
 * that say nothing, so a milestone reads 1亿, not 1.00亿.
 */
function truncated(value: number, unit: number, digits: number): string {
  // Scaled up before dividing: 460,000,000 / 10^8 · 100 is 459.99… in floating point, and would read 4.59.
  const scaled = Math.floor((value * 10 ** digits) / unit) / 10 ** digits;
  return scaled.toFixed(digits).replace(/\.?0+$/, '');
}

/**
 * A short form of a large count: 4.66亿 / 4.66億 / 466.78 million, truncated,
 * never rounded up. Small counts are written in full.
 */
export function shortCount(value: number, locale: Locale): string {
  if (locale === 'en') {
    if (value >= 1_000_000_000) return `${truncated(value, 1_000_000_000, 2)} billion`;
    if (value >= 1_000_000) return `${truncated(value, 1_000_000, 2)} million`;
    return numberFormat('en').format(value);
  }
  const hundredMillion = locale === 'zh-hant' ? '億' : '亿';
  const tenThousand = locale === 'zh-hant' ? '萬' : '万';
  if (value >= 100_000_000) return `${truncated(value, 100_000_000, 2)}${hundredMillion}`;
  if (value >= 10_000) return `${truncated(value, 10_000, 2)}${tenThousand}`;
  return String(value);
}

export function fullCount(value: number, locale: Locale): string {
  return numberFormat(locale === 'en' ? 'en' : 'zh-CN').format(value);
}
