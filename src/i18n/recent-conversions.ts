// What an entry costs beyond its characters (Map slot, string headers), as measured
// (docs/performance.md), counted in UTF-16 units.
const ENTRY_OVERHEAD = 64;

/**
 * Remembers `convert`'s results for the most recently used texts, up to `budget` UTF-16 units
 * of text, result and overhead together (two bytes of heap per unit). List pages and popular
 * permalinks convert the same titles and statements for every reader; a hit costs a hash of
 * the text instead of a conversion.
 *
 * Two generations of half the budget each: texts go into the current one (a text found in the
 * previous one is copied over), and when it is full it becomes the previous one and the one
 * before is dropped whole. A text used since the last turn survives the next. No entry is ever
 * deleted and no iterator outlives a call: an iterator kept between calls to find the oldest
 * entry pinned every hash table the Map had since outgrown (V8 keeps an outgrown table while an
 * iterator may still walk it, and chains it to its successor), 46 MB of dead tables after a few
 * minutes of list pages (docs/performance.md, "Memory of the server, 7 December 2026").
 */
export function rememberRecent(convert: (text: string) => string, budget: number): (text: string) => string {
  const generation = budget / 2;
  let current = new Map<string, string>();
  let previous = new Map<string, string>();
  let used = 0;
  return (text) => {
    const known = current.get(text);
    if (known !== undefined) return known;
    const converted = previous.get(text) ?? convert(text);
    const size = text.length + converted.length + ENTRY_OVERHEAD;
    // One very long text must not push out everything else.
    if (size > budget / 16) return converted;
    if (used + size > generation) {
      previous = current;
      current = new Map();
      used = 0;
    }
    current.set(text, converted);
    used += size;
    return converted;
  };
}
