import type { DeclarationsRepository } from '../../repositories/declarations/index.ts';
import { IMPORT_AT, IMPORT_WIDTH } from '../../repositories/declarations/index.ts';
import type { Executor } from '../../repositories/executor.ts';
import type { PostBatch } from './post-batches.ts';

export type IssuedHereDeps = {
  declarations: Pick<DeclarationsRepository, 'issuedSerialRange' | 'serialsInUse'>;
  /** The serial each registration number decodes to under this registry's key (RegistrationNumberCodec.decodeMany). */
  serialsOf: (numbers: readonly string[]) => number[];
};

/**
 * A post of the old archive whose registration number this registry issued to a statement of its
 * own: the two cannot share it (a receipt, a permalink, the log would name either), so the post is
 * refused, its line reported, and the statement registered here keeps its number. Numbers issued
 * here are found by their serial, through its unique index: only a number that decodes into the
 * range of serials in use or reserved is looked up (a few in a thousand of the archive's, when
 * numbers have been issued here at all; none in a registry that holds only imported posts).
 *
 * Answers the batch without those posts, and their lines. In the import's transaction, which holds
 * the write lock (SQLite) or the counters' lock that each new statement's counting takes
 * (PostgreSQL), so no number issued here appears between the lookup and the insert.
 */
export async function withoutNumbersIssuedHere(
  db: Executor,
  { declarations, serialsOf }: IssuedHereDeps,
  batch: PostBatch,
): Promise<{ batch: PostBatch; issuedHere: number[] }> {
  const none = { batch, issuedHere: [] };
  if (batch.rows.count === 0) return none;
  const range = await declarations.issuedSerialRange(db);
  if (range === null) return none;
  const numbers = Array.from(
    { length: batch.rows.count },
    (_, place) => batch.rows.values[place * IMPORT_WIDTH + IMPORT_AT.registration_number] as string,
  );
  const serials = serialsOf(numbers);
  const candidates = serials.filter((serial) => serial >= range.from && serial < range.until);
  if (candidates.length === 0) return none;
  const inUse = await declarations.serialsInUse(db, candidates);
  if (inUse.size === 0) return none;
  const issued = new Set<number>();
  serials.forEach((serial, place) => {
    if (inUse.has(serial)) issued.add(place);
  });
  return { batch: withoutPlaces(batch, issued), issuedHere: [...issued].map((place) => batch.lines[place]!) };
}

/** The batch without the posts at these places: their values, their lines and their grams. */
function withoutPlaces(batch: PostBatch, places: ReadonlySet<number>): PostBatch {
  const renumbered = new Int32Array(batch.rows.count);
  const values: PostBatch['rows']['values'] = [];
  const lines: number[] = [];
  let kept = 0;
  for (let place = 0; place < batch.rows.count; place++) {
    if (places.has(place)) {
      renumbered[place] = -1;
      continue;
    }
    renumbered[place] = kept++;
    values.push(...batch.rows.values.slice(place * IMPORT_WIDTH, (place + 1) * IMPORT_WIDTH));
    lines.push(batch.lines[place]!);
  }
  const grams: string[] = [];
  const posts: number[] = [];
  for (let at = 0; at < batch.grams.grams.length; at++) {
    const place = renumbered[batch.grams.posts[at]!]!;
    if (place < 0) continue;
    grams.push(batch.grams.grams[at]!);
    posts.push(place);
  }
  return { ...batch, rows: { values, count: kept }, lines, grams: { grams, posts } };
}
