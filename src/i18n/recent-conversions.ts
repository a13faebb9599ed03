// What an entry costs beyond its characters (Map slot, string headers), as measured
// (docs/performance.md), counted in UTF-16 units.
const ENTRY_OVERHEAD = 64;

/**
 * Remembers `convert`'s results for the most recently used texts, up to `budget` UTF-16 units
 * of text, result and overhead together (two bytes of heap per unit). List pages and popular
 * permalinks convert the same titles and statements for every reader; a hit costs a hash of
 * the text instead of a conversion.
 */
export function rememberRecent(convert: (text: string) => string, budget: number): (text: string) => string {
  const recent = new Map<string, string>();
  // Where the oldest entries are, kept between calls: a Map keeps its deleted slots until it is
  // rebuilt, and a walk from the start over them cost every miss tens of µs once the map was full
  // (a list page converting a dozen texts: docs/performance.md, "Public pages rendered per request"). An iterator moves past
  // each slot once, and still sees entries added after it was made, in order.
  let oldest = recent.keys();
  let used = 0;
  return (text) => {
    const known = recent.get(text);
    if (known !== undefined) {
      // A Map iterates in insertion order: inserting again makes it the most recent.
      recent.delete(text);
      recent.set(text, known);
      return known;
    }
    const converted = convert(text);
    const size = text.length + converted.length + ENTRY_OVERHEAD;
    // One very long text must not push out everything else.
    if (size > budget / 16) return converted;
    recent.set(text, converted);
    used += size;
    while (used > budget) {
      let next = oldest.next();
      if (next.done) {
        oldest = recent.keys();
        next = oldest.next();
      }
      const oldText = next.value as string;
      used -= oldText.length + (recent.get(oldText) as string).length + ENTRY_OVERHEAD;
      recent.delete(oldText);
    }
    return converted;
  };
}
