import type { DictGroup, DictLike } from 'opencc-js/core';
import { PhraseTable, type Entry } from './phrase-table.ts';

/**
 * Turns opencc-js dictionary groups into PhraseTables, parsing each dictionary once and
 * building each group once: conversions share dictionaries (STPhrases, TSPhrases) and whole
 * groups (the CJK compatibility normalization), and so share their strings and tables.
 * Only needed while converters are built; drop it afterwards.
 */
export class OpenccTables {
  private readonly dicts = new Map<DictLike, { id: number; entries: readonly Entry[] }>();
  private readonly tables = new Map<string, PhraseTable>();

  table(group: DictGroup): PhraseTable {
    const dicts = group.map((dict) => this.parsed(dict));
    const key = dicts.map((dict) => dict.id).join();
    const known = this.tables.get(key);
    if (known) return known;
    const built = new PhraseTable(dicts.map((dict) => dict.entries));
    this.tables.set(key, built);
    return built;
  }

  private parsed(dict: DictLike): { id: number; entries: readonly Entry[] } {
    const known = this.dicts.get(dict);
    if (known) return known;
    const parsed = { id: this.dicts.size, entries: typeof dict === 'string' ? [...entries(dict)] : dict };
    this.dicts.set(dict, parsed);
    return parsed;
  }
}

/**
 * "key value|key value" read as Trie.loadDict reads it, in place: the value ends at the line's
 * end or at a second space, as `line.split(' ')[1]` would.
 */
function* entries(dict: string): Iterable<Entry> {
  for (let start = 0; start <= dict.length; ) {
    const bar = dict.indexOf('|', start);
    const lineEnd = bar < 0 ? dict.length : bar;
    const space = dict.indexOf(' ', start);
    if (space < 0 || space > lineEnd) throw new TypeError(`Invalid opencc-js dictionary entry: ${dict.slice(start, lineEnd)}`);
    const valueEnd = dict.indexOf(' ', space + 1);
    yield [dict.slice(start, space), dict.slice(space + 1, valueEnd < 0 || valueEnd > lineEnd ? lineEnd : valueEnd)];
    start = lineEnd + 1;
  }
}
