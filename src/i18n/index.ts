import { en } from './en.ts';
import type { ErrorParams } from './error-params.ts';
import { zhHans, type Catalog } from './zh-hans.ts';
import { zhHant } from './zh-hant.ts';

export type { Catalog } from './zh-hans.ts';
export const LOCALES = ['zh-hans', 'zh-hant', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-hans';
export type ErrorCode = keyof Catalog['errors'];

const catalogs: Record<Locale, Catalog> = { 'zh-hans': zhHans, 'zh-hant': zhHant, en };

export function catalogFor(locale: Locale): Catalog {
  return catalogs[locale];
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(zhHans.errors, code);
}

export function errorMessage(locale: Locale, code: string, params: ErrorParams = {}): string {
  const message: (p: ErrorParams) => string = catalogs[locale].errors[isErrorCode(code) ? code : 'text.invalid'];
  return message(params);
}

/** Chinese with a Taiwan, Hong Kong or Macau region, or an explicit Hant script, reads traditional. */
function localeOfTag(tag: string): Locale | null {
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) {
    // An explicit script wins over the region: zh-Hans-HK reads simplified.
    if (lower.includes('-hans')) return 'zh-hans';
    return /-hant|-tw|-hk|-mo/.test(lower) ? 'zh-hant' : 'zh-hans';
  }
  if (lower.startsWith('en')) return 'en';
  return null;
}

/** Picks the best catalog for an Accept-Language header, honouring q-values. */
export function negotiateLocale(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    const locale = localeOfTag(entry.tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
