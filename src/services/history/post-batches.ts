import { aliasKey } from '../../domain/declaration/alias-key.ts';
import { hashQueryPassword } from '../../domain/declaration/query-password.ts';
import { declarationGrams } from '../../domain/declaration/search-grams.ts';
import { postReadContext, readLegacyPost, type LegacyPost, type PostProblem } from '../../domain/history/legacy-post.ts';
import { storedTitle } from '../../repositories/declaration-title.ts';
import { addImportRow, type ImportGrams, type ImportRows } from '../../repositories/declarations/index.ts';
import { readPostLines, type PostFile } from './post-source.ts';

/** What reading an export needs, all of it plain values, so a worker thread can be given it (post-reader-thread.ts). */
export interface PostReading {
  path: string;
  file: PostFile;
  /** Where to start: the byte and the line number of the first line to read. */
  from: { byte: number; line: number };
  /** Where to stop: the byte after the last line to read (a part of the file cut at a line's end); the file's end when absent. */
  until?: number;
  /** Lines per batch, refused ones included: one batch is one transaction. */
  batchLines: number;
  timeZone: string;
  now: Date;
  /** The key receipts hash their query passwords with. */
  receiptKey: Uint8Array;
}

/** A batch of lines read and checked: the posts to write, the lines refused, and where the batch ends. */
export interface PostBatch {
  /** The posts' values, ready to bind (import-rows.ts), and the line of each. */
  rows: ImportRows;
  lines: number[];
  rejects: { line: number; problems: PostProblem[] }[];
  /** The posts' search grams, in key order (folding and sorting them is work the writing thread is spared). */
  grams: ImportGrams;
  /** The byte after the batch's last line, and the number of the line after it. */
  end: { bytes: number; next: number };
  /** True for the last batch of what was read (which may be empty). */
  last: boolean;
}

/** Distinct texts remembered at most, per memo: an archive repeats its titles, regions and first names. */
const MEMO_SIZE = 50_000;

/** A pure function of a text, remembered: cleared when full, so memory stays bounded. */
function memo<T>(compute: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      if (known.size >= MEMO_SIZE) known.clear();
      value = compute(text);
      known.set(text, value);
    }
    return value;
  };
}

/**
 * Reads an export a batch at a time and checks every line with the form's readers (readLegacyPost),
 * each post made ready to write: the password as our HMAC, the alias key of the first name. Memory
 * holds one batch and the reader's chunk, whatever the file's size.
 */
export async function* readPostBatches(reading: PostReading): AsyncGenerator<PostBatch> {
  const receiptKey = Buffer.from(reading.receiptKey);
  const context = postReadContext(reading.timeZone, reading.now);
  const aliasOf = memo(aliasKey);
  // The names read from a text are one list per distinct text (postReadContext): stored once as JSON.
  const namesJson = new WeakMap<readonly string[], string>();
  const jsonOf = (names: readonly string[]) => {
    let json = namesJson.get(names);
    if (json === undefined) {
      json = JSON.stringify(names);
      namesJson.set(names, json);
    }
    return json;
  };
  const titleGrams = memo((title) => declarationGrams(title, null));
  const regionGrams = memo((region) => declarationGrams('', region));
  const gramsOf = (post: LegacyPost) => {
    const title = titleGrams(storedTitle(post.title));
    return post.region ? title.concat(regionGrams(post.region)) : title;
  };

  let batch = emptyBatch({ bytes: reading.from.byte, next: reading.from.line });
  let postGrams = new Grams();
  let linesRead = 0;
  for await (const lines of readPostLines(reading.path, reading.file, reading.from, reading.until)) {
    for (const source of lines) {
      batch.end = { bytes: source.end, next: source.next };
      linesRead++;
      if (source.problem) batch.rejects.push({ line: source.line, problems: [source.problem] });
      else {
        const read = readLegacyPost(source.fields!, context);
        if (read.ok) {
          const post = read.post;
          postGrams.add(gramsOf(post), batch.rows.count);
          addImportRow(
            batch.rows,
            post,
            post.password === null ? '' : hashQueryPassword(receiptKey, post.registrationNumber, post.password),
            jsonOf(post.names),
            aliasOf(post.names[0]!),
          );
          batch.lines.push(source.line);
        } else batch.rejects.push({ line: source.line, problems: read.problems });
      }
      if (linesRead >= reading.batchLines) {
        linesRead = 0;
        yield { ...batch, grams: postGrams.sorted() };
        batch = emptyBatch(batch.end);
        postGrams = new Grams();
      }
    }
  }
  yield { ...batch, grams: postGrams.sorted(), last: true };
}

function emptyBatch(end: PostBatch['end']): PostBatch {
  return { rows: { values: [], count: 0 }, lines: [], rejects: [], grams: { grams: [], posts: [] }, end, last: false };
}

/**
 * A batch's search grams as posting lists, gram by gram, each in the order of the posts: put in key
 * order (ImportGrams) by sorting the distinct grams only, a few hundred, not every pair.
 */
class Grams {
  readonly #lists = new Map<string, number[]>();
  #pairs = 0;

  add(grams: readonly string[], place: number): void {
    for (const gram of grams) {
      const list = this.#lists.get(gram);
      if (list) list.push(place);
      else this.#lists.set(gram, [place]);
    }
    this.#pairs += grams.length;
  }

  sorted(): ImportGrams {
    const keys = [...this.#lists.keys()].sort();
    const grams: string[] = new Array(this.#pairs);
    const posts = new Int32Array(this.#pairs);
    let at = 0;
    for (const gram of keys) {
      for (const place of this.#lists.get(gram)!) {
        grams[at] = gram;
        posts[at++] = place;
      }
    }
    return { grams, posts };
  }
}
