/** A dictionary line: the text to match and what replaces it. */
export type Entry = readonly [key: string, replacement: string];

// A bit per key length: lengths 1..31 UTF-16 units fit an unsigned 32-bit mask.
const MAX_KEY_LENGTH = 31;

/**
 * One opencc-js dictionary group, matched longest-first like its Trie but stored flat: Maps
 * of keys, plus bit masks of the key lengths that start with a given first UTF-16 unit and
 * with a given first two. Tries build a Map per character of every phrase (for STPhrases
 * see docs/performance.md); this keeps one entry per phrase, and most positions are settled
 * by one or two array reads, without slicing the text.
 */
export class PhraseTable {
  /** Keys of one UTF-16 unit, by that unit: no one-character string to build per lookup. */
  private readonly units = new Map<number, string>();
  private readonly phrases = new Map<string, string>();
  private readonly byFirstUnit = new Uint32Array(0x10000);
  /** Indexed by a hash of the first two units; a collision only costs a wasted lookup. */
  private readonly byFirstPair: Uint32Array;
  private readonly pairShift: number;
  private matched = '';

  /** Earlier dictionaries of the group win, as in Trie.loadDictGroup (which loads them reversed). */
  constructor(group: readonly (readonly Entry[])[]) {
    for (const dict of group.toReversed()) {
      for (const [key, replacement] of dict) {
        // match() relies on this: a longer key would be missed, a lone surrogate could match
        // half of a pair. (The trie never matches an empty key either.)
        if (key.length > MAX_KEY_LENGTH || !key.isWellFormed()) throw new Error(`opencc-js key not supported: ${key}`);
        if (key.length === 1) this.units.set(key.charCodeAt(0), replacement);
        else if (key.length > 1) this.phrases.set(key, replacement);
      }
    }
    for (const unit of this.units.keys()) this.byFirstUnit[unit]! |= 1;
    // About four slots per phrase keep collisions rare.
    const bits = Math.max(4, Math.ceil(Math.log2(this.phrases.size * 4)));
    this.byFirstPair = new Uint32Array(1 << bits);
    this.pairShift = 32 - bits;
    for (const key of this.phrases.keys()) {
      const bit = 1 << (key.length - 1);
      this.byFirstUnit[key.charCodeAt(0)]! |= bit;
      this.byFirstPair[this.pairSlot(key.charCodeAt(0), key.charCodeAt(1))]! |= bit;
    }
  }

  private pairSlot(first: number, second: number): number {
    return Math.imul((first << 16) | second, 0x9e3779b1) >>> this.pairShift;
  }

  /**
   * Length of the longest key that `text` has at `start` (0 if none); convert() then reads its
   * replacement from `matched`. Candidates ending inside a surrogate pair cannot match, since
   * every key is well-formed, so trying each UTF-16 length finds what the trie's code-point
   * walk finds.
   */
  match(text: string, start: number): number {
    const first = text.charCodeAt(start);
    let lengths = this.byFirstUnit[first]!;
    if (lengths > 1) {
      const pair = start + 1 < text.length ? this.byFirstPair[this.pairSlot(first, text.charCodeAt(start + 1))]! : 0;
      lengths &= pair | 1;
    }
    const room = text.length - start;
    while (lengths !== 0) {
      const bit = 31 - Math.clz32(lengths);
      lengths &= ~(1 << bit);
      const length = bit + 1;
      if (length > room) continue;
      const replacement = length === 1 ? this.units.get(first) : this.phrases.get(text.slice(start, start + length));
      if (replacement !== undefined) {
        this.matched = replacement;
        return length;
      }
    }
    return 0;
  }

  /** Trie.convert: replace the longest match at each position, copy the rest unchanged. */
  convert(text: string): string {
    let out = '';
    let copied = 0;
    for (let i = 0; i < text.length; ) {
      const length = this.match(text, i);
      if (length === 0) {
        i += unmatchedLength(text, i);
        continue;
      }
      out += text.slice(copied, i) + this.matched;
      i += length;
      copied = i;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }
}

/**
 * How far opencc-js steps over text no key matches: one code point, or a whole Ideographic
 * Description Sequence (⿰氵青) so its components are never converted on their own.
 */
export function unmatchedLength(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit < 0x2ff0 || (unit > 0x2fff && (unit < 0xd800 || unit > 0xdbff))) return 1;
  const end = descriptionSequenceEnd(text, i);
  return end > i ? end - i : codePointLength(text, i);
}

function codePointLength(text: string, i: number): number {
  return text.codePointAt(i)! > 0xffff ? 2 : 1;
}

function descriptionArity(codePoint: number): number {
  if (codePoint >= 0x2ff0 && codePoint <= 0x2ff1) return 2;
  if (codePoint >= 0x2ff2 && codePoint <= 0x2ff3) return 3;
  if (codePoint >= 0x2ff4 && codePoint <= 0x2fff) return 2;
  return 0;
}

/** End of the description sequence starting at i, or 0 if there is none or it is cut short. */
function descriptionSequenceEnd(text: string, i: number): number {
  const arity = descriptionArity(text.codePointAt(i)!);
  if (arity === 0) return 0;
  let end = i + codePointLength(text, i);
  for (let n = 0; n < arity; n += 1) {
    if (end >= text.length) return 0;
    end = descriptionSequenceEnd(text, end) || end + codePointLength(text, end);
  }
  return end;
}
