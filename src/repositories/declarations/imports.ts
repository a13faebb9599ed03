import { touchPublicPagesVersion } from '../public-pages-version.ts';
import { NO_PEOPLE, addFigures, carriedOver, type PeopleFigures } from '../../domain/history/carried-over.ts';
import { counterRepository, type CountedDeclaration } from '../counter-repository.ts';
import type { Executor } from '../executor.ts';
import { historyRepository } from '../history-repository.ts';
import { rowsWithoutSerial } from '../registration-serials-repository.ts';
import { IMPORT_AT, IMPORT_WIDTH, LEGACY_CHANNEL, kyselyImportWriter, type ImportRows, type ImportWriter } from './import-rows.ts';

/**
 * The search grams of a batch of posts (declarationGrams of each one's stored title and region), in
 * key order: by gram, then by the post's place in the batch, which is the order of the ids the batch
 * is given. `posts[i]` is the place of the post that `grams[i]` belongs to.
 */
export interface ImportGrams {
  grams: readonly string[];
  posts: ArrayLike<number>;
}

/** What counts of the post at `place`: its day, people, organisations and region. */
function countedOf(values: ImportRows['values'], place: number): CountedDeclaration {
  const base = place * IMPORT_WIDTH;
  return {
    countedDay: values[base + IMPORT_AT.counted_day] as string,
    headcount: values[base + IMPORT_AT.headcount] as number,
    party: values[base + IMPORT_AT.party] as 0 | 1,
    league: values[base + IMPORT_AT.league] as 0 | 1,
    pioneers: values[base + IMPORT_AT.pioneers] as 0 | 1,
    region: values[base + IMPORT_AT.region] as string | null,
    channel: LEGACY_CHANNEL,
    centerId: null,
    admission: 'imported',
  };
}

/**
 * Imported people move from carried over to held here: each day's imported figures grow, and what
 * the day carries over is worked out again from its legacy figures, the carried-over totals moving by
 * the difference. The total (held here + carried over) stays where it was.
 */
async function moveToHeldHere(db: Executor, posts: readonly CountedDeclaration[], at: Date): Promise<void> {
  const added = new Map<string, PeopleFigures>();
  for (const post of posts) {
    const people = post.headcount;
    const figures: PeopleFigures = {
      people,
      party: post.party ? people : 0,
      league: post.league ? people : 0,
      pioneers: post.pioneers ? people : 0,
    };
    added.set(post.countedDay, addFigures(added.get(post.countedDay) ?? NO_PEOPLE, figures));
  }
  const days = [...added.keys()];
  await historyRepository.addImportedDays(db, added);
  const [legacy, imported] = await Promise.all([historyRepository.legacyDays(db, days), historyRepository.importedDays(db, days)]);
  const changed: { day: string; carried: PeopleFigures }[] = [];
  let delta = NO_PEOPLE;
  for (const [day, stored] of legacy) {
    const carried = carriedOver(stored, imported.get(day));
    delta = addFigures(addFigures(delta, carried), stored.carried, -1);
    changed.push({ day, carried });
  }
  if (changed.length === 0) return;
  await historyRepository.setCarried(db, changed);
  await historyRepository.addToCarriedTotals(db, { ...delta, days: 0 }, at);
}

export const declarationImports = {
  /**
   * Holds posts of the previous site's archive here, published on their original dates, in the
   * caller's transaction, through `writer` (import-rows.ts): skipping a post whose number or legacy
   * id is held already (so a run again, or resumed, writes nothing twice); counts the ones written,
   * puts them in the search index (their grams worked out by the caller, see ImportGrams), queues
   * them for the transparency log, and moves their people from carried over to held here. Returns
   * the id of each post, 0 for one skipped.
   */
  async insertImported(
    db: Executor,
    rows: ImportRows,
    grams: ImportGrams,
    at: Date,
    writer: ImportWriter = kyselyImportWriter,
  ): Promise<Float64Array> {
    const ids = await writer.insertRows(db, rows);
    const kept: number[] = [];
    for (let place = 0; place < rows.count; place++) if (ids[place]! > 0) kept.push(place);
    if (kept.length === 0) return ids;
    const gramTexts: string[] = [];
    const gramIds: number[] = [];
    for (let at = 0; at < grams.grams.length; at++) {
      const id = ids[grams.posts[at]!]!;
      if (id === 0) continue;
      gramTexts.push(grams.grams[at]!);
      gramIds.push(id);
    }
    await writer.insertGrams(db, gramTexts, gramIds);
    const counted = kept.map((place) => countedOf(rows.values, place));
    await counterRepository.applyMany(db, counted, 1, at);
    await moveToHeldHere(db, counted, at);
    // Published here, so the transparency log's next batch gives each a `declared` leaf of class imported.
    await writer.enqueueLog(
      db,
      kept.map((place) => ids[place]!),
    );
    // Published rows on days that are over: pages kept of those days are out of date.
    await touchPublicPagesVersion(db, 'rows');
    return ids;
  },

  /** Which of these numbers are held by an imported statement, and its legacy id: what a skipped post is told apart by. */
  async heldImported(db: Executor, numbers: readonly string[]): Promise<Map<string, number>> {
    const held = new Map<string, number>();
    for (const [number, legacyId] of await rowsWithoutSerial(db, numbers, true)) if (legacyId !== null) held.set(number, legacyId);
    return held;
  },

  /**
   * Whether every statement the registry holds was imported (none at all included): what a bulk
   * import requires. No number issued here (they have serials), and as many rows as legacy ids, each
   * count read from an index.
   */
  async onlyImported(db: Executor): Promise<boolean> {
    const issued = await db
      .selectFrom('declarations')
      .select('id')
      .where('registration_serial', 'is not', null)
      .limit(1)
      .executeTakeFirst();
    if (issued) return false;
    const row = await db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('declarations')
          .select((inner) => inner.fn.countAll().as('n'))
          .as('rows'),
        eb
          .selectFrom('declarations')
          .select((inner) => inner.fn.countAll().as('n'))
          .where('legacy_id', 'is not', null)
          .as('imported'),
      ])
      .executeTakeFirstOrThrow();
    return Number(row.rows) === Number(row.imported);
  },

  /**
   * The serials statements registered here may hold: from the lowest in use to the next to be
   * reserved (reserved blocks included), or null when none has a serial. A number of the old archive
   * that decodes outside this range cannot be one issued here, and needs no lookup.
   */
  async issuedSerialRange(db: Executor): Promise<{ from: number; until: number } | null> {
    const row = await db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('declarations')
          .select((inner) => inner.fn.min('registration_serial').as('low'))
          .as('low'),
        eb.selectFrom('registration_serials').select('next_serial').where('id', '=', 1).as('next'),
      ])
      .executeTakeFirstOrThrow();
    if (row.low === null || row.low === undefined) return null;
    return { from: Number(row.low), until: Math.max(Number(row.next ?? 0), Number(row.low) + 1) };
  },

  /** Which of these serials a statement holds, through the serials' unique index. */
  async serialsInUse(db: Executor, serials: readonly number[]): Promise<Set<number>> {
    const found = new Set<number>();
    for (let start = 0; start < serials.length; start += 500) {
      const rows = await db
        .selectFrom('declarations')
        .select('registration_serial')
        .where('registration_serial', 'in', serials.slice(start, start + 500))
        .execute();
      for (const row of rows) found.add(Number(row.registration_serial));
    }
    return found;
  },

  /** The registration number of the statement imported under a legacy id, for the old site's links. */
  async numberOfLegacyId(db: Executor, legacyId: number): Promise<string | null> {
    const row = await db
      .selectFrom('declarations')
      .select('registration_number')
      .where('legacy_id', '=', legacyId)
      .where('status', '=', 'published')
      .executeTakeFirst();
    return row?.registration_number ?? null;
  },
};
