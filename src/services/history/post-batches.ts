import { aliasKey } from '../../domain/declaration/alias-key.ts';
import { hashQueryPassword } from '../../domain/declaration/query-password.ts';
import { declarationGrams } from '../../domain/declaration/search-grams.ts';
import { dayFinder, readLegacyPost, wallTimeFinder, type LegacyPost, type PostProblem } from '../../domain/history/legacy-post.ts';
import { storedTitle } from '../../repositories/declaration-title.ts';
import type { ImportGrams, ImportedDeclaration } from '../../repositories/declarations/index.ts';
import { readPostLines, type PostFile } from './post-source.ts';

/** What reading an export needs, all of it plain values, so a worker thread can be given it (post-reader-thread.ts). */
export interface PostReading {
  path: string;
  file: PostFile;
  /** Where to start: the byte and the line number of the first line to read. */
  from: { byte: number; line: number };
  /** Lines per batch, refused ones included: one batch is one transaction. */
  batchLines: number;
  timeZone: string;
  now: Date;
  /** The key receipts hash their query passwords with. */
  receiptKey: Uint8Array;
}

/** A batch of lines read and checked: the posts to write, the lines refused, and where the batch ends. */
export interface PostBatch {
  posts: { line: number; post: ImportedDeclaration }[];
  rejects: { line: number; problems: PostProblem[] }[];
  /** The posts' search grams, in key order (folding and sorting them is work the writing thread is spared). */
  grams: ImportGrams;
  /** The byte after the batch's last line, and the number of the line after it. */
  end: { bytes: number; next: number };
  /** True for the file's last batch (which may be empty). */
  last: boolean;
}

/**
 * Reads an export a batch at a time and checks every line with the form's readers (readLegacyPost),
 * each post made ready to write: the password as our HMAC, the alias key of the first name. Memory
 * holds one batch and the reader's chunk, whatever the file's size.
 */
export async function* readPostBatches(reading: PostReading): AsyncGenerator<PostBatch> {
  const receiptKey = Buffer.from(reading.receiptKey);
  const context = {
    timeZone: reading.timeZone,
    now: reading.now,
    dayOf: dayFinder(reading.timeZone),
    wallTime: wallTimeFinder(reading.timeZone),
  };
  const toImported = (post: LegacyPost): ImportedDeclaration => ({
    legacyId: post.legacyId,
    registrationNumber: post.registrationNumber,
    passwordHash: post.password === null ? '' : hashQueryPassword(receiptKey, post.registrationNumber, post.password),
    names: post.names,
    headcount: post.headcount,
    orgs: post.orgs,
    title: post.title,
    region: post.region,
    statement: post.statement,
    feedback: post.feedback,
    featured: post.featured,
    publishedAt: post.publishedAt,
    countedDay: post.countedDay,
    aliasKey: aliasKey(post.names[0]!),
  });

  const NO_GRAMS: ImportGrams = { grams: [], posts: [] };
  let batch: PostBatch = {
    posts: [],
    rejects: [],
    grams: NO_GRAMS,
    end: { bytes: reading.from.byte, next: reading.from.line },
    last: false,
  };
  let linesRead = 0;
  for await (const lines of readPostLines(reading.path, reading.file, reading.from)) {
    for (const source of lines) {
      batch.end = { bytes: source.end, next: source.next };
      linesRead++;
      if (source.problem) batch.rejects.push({ line: source.line, problems: [source.problem] });
      else {
        const read = readLegacyPost(source.fields!, context);
        if (read.ok) batch.posts.push({ line: source.line, post: toImported(read.post) });
        else batch.rejects.push({ line: source.line, problems: read.problems });
      }
      if (linesRead >= reading.batchLines) {
        linesRead = 0;
        yield { ...batch, grams: gramsOf(batch.posts) };
        batch = { posts: [], rejects: [], grams: NO_GRAMS, end: batch.end, last: false };
      }
    }
  }
  yield { ...batch, grams: gramsOf(batch.posts), last: true };
}

/** The search grams of a batch's posts, by gram and then by place in the batch (ImportGrams). */
function gramsOf(posts: PostBatch['posts']): ImportGrams {
  const pairs: { gram: string; post: number }[] = [];
  posts.forEach(({ post }, place) => {
    for (const gram of declarationGrams(storedTitle(post.title), post.region)) pairs.push({ gram, post: place });
  });
  pairs.sort((a, b) => (a.gram < b.gram ? -1 : a.gram > b.gram ? 1 : a.post - b.post));
  const places = new Int32Array(pairs.length);
  for (let at = 0; at < pairs.length; at++) places[at] = pairs[at]!.post;
  return { grams: pairs.map((pair) => pair.gram), posts: places };
}
