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
    for (const [oldText, oldConverted] of recent) {
      if (used <= budget) break;
      recent.delete(oldText);
      used -= oldText.length + oldConverted.length + ENTRY_OVERHEAD;
    }
    return converted;
  };
}
