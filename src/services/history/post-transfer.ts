import { IMPORT_AT, IMPORT_WIDTH, type ImportRows } from '../../repositories/declarations/index.ts';
import type { PostBatch } from './post-batches.ts';

/**
 * A batch as it crosses from a reading thread to the writing one (post-reader-thread.ts). Copying a
 * batch between threads costs by the string: each is written out by one thread and made again by
 * the other, whose garbage it becomes, and the writing thread is the one that bounds the rate. So the
 * texts an archive repeats (the names, titles, regions, statements, feedback, the days and alias
 * keys) cross once a batch, as a list, with their place in it in the rows; the time a post holds
 * three times (created, status changed, published) crosses once; and each search gram, which the
 * batch's pairs hold in key order, once with the number of its pairs.
 */
export interface PackedBatch extends Omit<PostBatch, 'rows' | 'grams'> {
  rows: { count: number; values: (string | number | null)[]; texts: string[] };
  /** The grams in key order as runs: each distinct gram once, how many pairs it has, and the posts of every pair. */
  grams: { keys: string[]; runs: Int32Array; posts: ArrayLike<number> };
}

/** The columns whose texts cross as their place in the batch's list. */
const SHARED_TEXTS = [
  IMPORT_AT.names,
  IMPORT_AT.title,
  IMPORT_AT.region,
  IMPORT_AT.statement,
  IMPORT_AT.feedback,
  IMPORT_AT.featured_on,
  IMPORT_AT.alias_key,
  IMPORT_AT.counted_day,
];
/** The columns that hold the value of `created_at` again, left out of a packed row. */
const SAME_TIME = [IMPORT_AT.status_changed_at, IMPORT_AT.published_at];
const PACKED_WIDTH = IMPORT_WIDTH - SAME_TIME.length;

/** What each column of a row becomes: 0 crossed as it is, 1 a place in the texts, 2 left out. */
const KIND = Array.from({ length: IMPORT_WIDTH }, (_, column) => (SHARED_TEXTS.includes(column) ? 1 : SAME_TIME.includes(column) ? 2 : 0));

export function packBatch(batch: PostBatch): PackedBatch {
  const { count, values } = batch.rows;
  const texts: string[] = [];
  const places = new Map<string, number>();
  const packed: (string | number | null)[] = new Array(count * PACKED_WIDTH);
  let to = 0;
  for (let from = 0; from < values.length; from += IMPORT_WIDTH) {
    for (let column = 0; column < IMPORT_WIDTH; column++) {
      const kind = KIND[column];
      if (kind === 2) continue;
      const value = values[from + column]!;
      if (kind === 1 && typeof value === 'string') {
        let place = places.get(value);
        if (place === undefined) {
          place = texts.length;
          texts.push(value);
          places.set(value, place);
        }
        packed[to++] = place;
      } else packed[to++] = value;
    }
  }
  const keys: string[] = [];
  const runs: number[] = [];
  const { grams, posts } = batch.grams;
  for (let at = 0; at < grams.length; at++) {
    if (at > 0 && grams[at] === grams[at - 1]) runs[runs.length - 1]!++;
    else {
      keys.push(grams[at]!);
      runs.push(1);
    }
  }
  return { ...batch, rows: { count, values: packed, texts }, grams: { keys, runs: Int32Array.from(runs), posts } };
}

export function unpackBatch(packed: PackedBatch): PostBatch {
  const { count, values, texts } = packed.rows;
  const rows: ImportRows = { count, values: new Array(count * IMPORT_WIDTH) };
  const out = rows.values;
  let from = 0;
  for (let to = 0; to < out.length; to += IMPORT_WIDTH) {
    for (let column = 0; column < IMPORT_WIDTH; column++) {
      const kind = KIND[column];
      if (kind === 2) continue;
      const value = values[from++]!;
      out[to + column] = kind === 1 && value !== null ? texts[value as number]! : value;
    }
    const at = out[to + IMPORT_AT.created_at]!;
    for (const column of SAME_TIME) out[to + column] = at;
  }
  const grams: string[] = new Array(packed.grams.posts.length);
  let at = 0;
  for (let key = 0; key < packed.grams.keys.length; key++) {
    const gram = packed.grams.keys[key]!;
    for (let pair = packed.grams.runs[key]!; pair > 0; pair--) grams[at++] = gram;
  }
  return { ...packed, rows, grams: { grams, posts: packed.grams.posts } };
}
