import { DatabaseSync } from 'node:sqlite';
import { declarationGrams } from '../../domain/declaration/search-grams.ts';

/** One gram's declaration ids, in the increasing order they were added. */
class PostingList {
  ids = new Int32Array(16);
  length = 0;

  constructor(readonly gram: string) {}

  push(id: number): void {
    if (this.length === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = id;
  }
}

/** Declarations noted before their grams are worked out (some 20 bytes each), in chunks of CHUNK. */
const NOTED_AT_MOST = 1 << 24;
const CHUNK = 1 << 20;
/** Ids held in posting lists before they are written out (4 bytes each, and room to grow). */
const HELD_AT_MOST = 1 << 27;
/** Ids per statement, as a JSON array that SQLite takes apart itself (cheaper than binding each). */
const IDS_PER_STATEMENT = 1 << 20;

/** Published declarations, in id order, whose grams are still to be worked out. */
interface Noted {
  ids: Int32Array;
  titles: string[];
  regions: (string | null)[];
}

/**
 * The rows of search_grams for a registry seeded from empty, written to a
 * separate SQLite file whose table has the same definition, for the seeder to
 * copy into the registry in one statement. Each declaration's grams are the
 * archive's own (`declarationGrams`). Declarations are only noted as they are
 * generated, and their grams worked out in `finish`, while the registry
 * builds its indexes. Posts are generated in id order, so each gram's list of
 * ids is too, and writing the lists gram after gram fills the table in key
 * order: every row is appended, none is slotted in between. (Only when a seed
 * is too large to hold does part of it go out early, and later lists go between
 * earlier rows: slower, the same result.)
 */
export class GramWriter {
  private readonly noted: Noted[] = [];
  private notedCount = 0;
  private readonly lists = new Map<string, PostingList>();
  // declarationGrams(title, region) is the title's grams followed by the region's. Seeded posts
  // share a few hundred thousand titles and a few dozen regions, so each is folded once.
  private readonly byTitle = new Map<string, PostingList[]>();
  private readonly byRegion = new Map<string | null, PostingList[]>();
  private held = 0;
  private database: DatabaseSync | null = null;

  /** `tableSql`: the registry's `create table search_grams …`, from sqlite_master. */
  constructor(
    private readonly path: string,
    private readonly tableSql: string,
  ) {}

  /** Notes a published declaration. */
  add(id: number, title: string, region: string | null): void {
    let chunk = this.noted.at(-1);
    if (chunk === undefined || chunk.titles.length === CHUNK) {
      chunk = { ids: new Int32Array(CHUNK), titles: [], regions: [] };
      this.noted.push(chunk);
    }
    chunk.ids[chunk.titles.length] = id;
    chunk.titles.push(title);
    chunk.regions.push(region);
    if (++this.notedCount === NOTED_AT_MOST) this.group();
  }

  /** Writes every gram and closes the file. */
  finish(): void {
    this.group();
    this.writeOut();
    this.open().close();
  }

  /** Moves the noted declarations into the posting lists, a chunk at a time (each freed once done). */
  private group(): void {
    for (let chunk = this.noted.shift(); chunk !== undefined; chunk = this.noted.shift()) {
      for (let i = 0; i < chunk.titles.length; i++) {
        const id = chunk.ids[i]!;
        const title = chunk.titles[i]!;
        const region = chunk.regions[i]!;
        for (const list of this.listsOf(this.byTitle, title, () => declarationGrams(title, null))) list.push(id);
        for (const list of this.listsOf(this.byRegion, region, () => declarationGrams('', region))) list.push(id);
      }
      if (this.held >= HELD_AT_MOST) this.writeOut();
    }
    this.notedCount = 0;
  }

  private listsOf<K>(memo: Map<K, PostingList[]>, key: K, grams: () => string[]): PostingList[] {
    let lists = memo.get(key);
    if (lists === undefined) {
      lists = grams().map((gram) => {
        let list = this.lists.get(gram);
        if (list === undefined) {
          list = new PostingList(gram);
          this.lists.set(gram, list);
        }
        return list;
      });
      memo.set(key, lists);
    }
    this.held += lists.length;
    return lists;
  }

  private open(): DatabaseSync {
    if (this.database === null) {
      // A scratch file, deleted after the copy and made again if anything interrupts it: no
      // journal (which the defensive flag would refuse, silently). Large pages make appending
      // its rows about a tenth faster; the copy takes records, not pages.
      this.database = new DatabaseSync(this.path, { defensive: false });
      this.database.exec('PRAGMA journal_mode = OFF');
      this.database.exec('PRAGMA synchronous = OFF');
      this.database.exec('PRAGMA page_size = 65536');
      this.database.exec(this.tableSql);
    }
    return this.database;
  }

  private writeOut(): void {
    const database = this.open();
    const insert = database.prepare('insert into search_grams (gram, declaration_id) select ?, value from json_each(?)');
    // In the table's order: SQLite compares text as UTF-8 bytes.
    const keys = new Map([...this.lists.keys()].map((gram) => [gram, Buffer.from(gram)]));
    const lists = [...this.lists.values()].sort((a, b) => Buffer.compare(keys.get(a.gram)!, keys.get(b.gram)!));
    database.exec('BEGIN');
    for (const list of lists) {
      for (let start = 0; start < list.length; start += IDS_PER_STATEMENT) {
        insert.run(list.gram, `[${list.ids.subarray(start, Math.min(start + IDS_PER_STATEMENT, list.length)).join(',')}]`);
      }
      list.length = 0;
    }
    database.exec('COMMIT');
    this.held = 0;
  }
}
