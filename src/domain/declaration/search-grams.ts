import { aliasKey } from './alias-key.ts';

/**
 * The archive's search by title and region, without I/O: text is folded the
 * way alias keys are (NFKC, traditional → simplified, lower case, no spaces or
 * middle dots), punctuation and symbols are dropped as well, and the folded
 * text is cut into the distinct pairs of neighbouring characters (bigrams).
 * A query matches when every one of its bigrams is among a text's and, read
 * back, the folded text holds the folded query: the bigrams find candidates
 * through an index, the substring check removes the rare false match
 * ("北京…京市" has both bigrams of "北京市" without holding it).
 */

export type GramField = 'title' | 'region';

/** One letter per field, so a title gram never matches a region query. */
const FIELD_PREFIX: Record<GramField, string> = { title: 't', region: 'r' };

const PUNCTUATION_AND_SYMBOLS = /[\p{P}\p{S}]/gu;

/** Queries shorter than this have no bigram to look up. */
export const MIN_QUERY_CHARACTERS = 2;

export function searchFold(text: string): string {
  return aliasKey(text).replace(PUNCTUATION_AND_SYMBOLS, '');
}

/** The distinct bigrams of already folded text, counted in code points. */
export function bigrams(folded: string): string[] {
  const characters = Array.from(folded);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < characters.length; i++) grams.add(characters[i]! + characters[i + 1]!);
  return [...grams];
}

/** The rows a published declaration puts in `search_grams`. */
export function declarationGrams(title: string, region: string | null): string[] {
  const grams = bigrams(searchFold(title)).map((gram) => FIELD_PREFIX.title + gram);
  if (region) grams.push(...bigrams(searchFold(region)).map((gram) => FIELD_PREFIX.region + gram));
  return grams;
}

/**
 * The grams a query looks up, at most `max`: every other one first (together
 * they already cover almost every character), then the rest. The substring
 * check covers whatever a long query leaves out.
 */
export function queryGrams(field: GramField, folded: string, max = 8): string[] {
  const all = bigrams(folded);
  const ordered = [...all.filter((_, index) => index % 2 === 0), ...all.filter((_, index) => index % 2 === 1)];
  return ordered.slice(0, max).map((gram) => FIELD_PREFIX[field] + gram);
}

/** The check that confirms a candidate found through its bigrams. */
export function containsFolded(text: string | null, foldedQuery: string): boolean {
  return text !== null && searchFold(text).includes(foldedQuery);
}

/**
 * The smallest string greater than every string that starts with `prefix`, in
 * code-point order (SQLite's BINARY, PostgreSQL's "C"): the last character
 * plus one. Null when there is none (the prefix is all U+10FFFF).
 */
export function prefixUpperBound(prefix: string): string | null {
  const points = Array.from(prefix, (character) => character.codePointAt(0)!);
  while (points.length > 0) {
    const last = points.pop()!;
    if (last === 0x10ffff) continue;
    const next = last === 0xd7ff ? 0xe000 : last + 1;
    return String.fromCodePoint(...points, next);
  }
  return null;
}

/** Code points, as the declaration limits count them. */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
