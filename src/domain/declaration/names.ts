import { isHanAlias } from '../alias/alias-generator.ts';
import { aliasKey } from './alias-key.ts';

export const MAX_NAMES = 50;

/** The separators the form documents: 、 , ， ; ； and line breaks. */
const SEPARATORS = /[、,，;；\n\r]+/u;

// Latin names for people abroad: letters with their accents, spaces, hyphens, apostrophes, dots.
const LATIN_NAME = /^\p{Script=Latin}[\p{Script=Latin}\p{M} .'\-’]{0,58}\p{Script=Latin}\.?$/u;

export function splitNames(input: string | readonly string[]): string[] {
  const parts = typeof input === 'string' ? input.split(SEPARATORS) : input.flatMap((part) => part.split(SEPARATORS));
  return parts.map((part) => part.normalize('NFC').trim().replace(/\s+/g, ' ')).filter((part) => part.length > 0);
}

export function isAcceptableName(name: string): boolean {
  return isHanAlias(name) || (LATIN_NAME.test(name) && !/ {2}|--|''/.test(name));
}

/**
 * Why a name that is not acceptable is refused, as specifically as can be told: digits, or a Latin
 * name of one letter, have rules of their own; anything else is told both rules.
 */
export function nameProblemCode(name: string): 'names.digits' | 'names.latinTooShort' | 'names.invalid' {
  // Letters with digits among them (User123); markup or symbols get the general rule.
  if (/\p{Nd}/u.test(name) && /^[\p{L}\p{M}\p{Nd} .'\-’]+$/u.test(name)) return 'names.digits';
  if (/^\p{Script=Latin}$/u.test(name)) return 'names.latinTooShort';
  return 'names.invalid';
}

/**
 * The first name that repeats an earlier one of the list, as a person would
 * read them (張三豐 and 张三丰, 'Li Wei' and 'LI WEI' are one name); undefined
 * when every name is different.
 */
export function findRepeatedName(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    const key = aliasKey(name);
    if (seen.has(key)) return name;
    seen.add(key);
  }
  return undefined;
}
