import { isHanAlias } from '../alias/alias-generator.ts';

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
