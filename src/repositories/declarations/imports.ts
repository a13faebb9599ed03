import { CompiledQuery } from 'kysely';
import { toDbTime } from '../../db/time.ts';
import type { Organization } from '../../domain/declaration/organizations.ts';
import { NO_PEOPLE, addFigures, carriedOver, type PeopleFigures } from '../../domain/history/carried-over.ts';
import { archiveSearchIndex } from '../archive-search-index.ts';
import { counterRepository, type CountedDeclaration } from '../counter-repository.ts';
import { storedTitle } from '../declaration-title.ts';
import { reusableSql, type Executor } from '../executor.ts';
import { historyRepository } from '../history-repository.ts';
import { rowsWithoutSerial } from '../registration-serials-repository.ts';
import { enqueueLogChanges } from '../log/log-queue.ts';

/** A post of the previous site's archive, ready to be held here as a published statement (docs/history.md). */
export interface ImportedDeclaration {
  legacyId: number;
  registrationNumber: string;
  /** The old query password as our HMAC, or '' when the export had none (then no receipt finds it). */
  passwordHash: string;
  names: readonly string[];
  headcount: number;
  orgs: readonly Organization[];
  title: string | null;
  region: string | null;
  statement: string | null;
  feedback: string | null;
  featured: boolean;
  publishedAt: Date;
  countedDay: string;
  aliasKey: string | null;
}

/**
 * The search grams of a batch of posts (declarationGrams of each one's stored title and region), in
 * key order: by gram, then by the post's place in the batch, which is the order of the ids the batch
 * is given. `posts[i]` is the place of the post that `grams[i]` belongs to.
 */
export interface ImportGrams {
  grams: readonly string[];
  posts: ArrayLike<number>;
}

/** The channel imported statements count under in the breakdowns. */
const LEGACY_CHANNEL = 'legacy';

/**
 * Rows per INSERT: 23 bound values a row stays under SQLite's 32,766 and PostgreSQL's 65,535, and a
 * statement this long costs far less per row than a short one.
 */
const ROWS_PER_STATEMENT = 500;

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

function importedRow(post: ImportedDeclaration) {
  const at = toDbTime(post.publishedAt);
  // Every row has the same keys in the same order: the statement's SQL is built once per size.
  return {
    registration_number: post.registrationNumber,
    password_hash: post.passwordHash,
    status: 'published' as const,
    names: JSON.stringify(post.names),
    name_count: post.names.length,
    headcount: post.headcount,
    party: flag(post.orgs.includes('party')),
    league: flag(post.orgs.includes('league')),
    pioneers: flag(post.orgs.includes('pioneers')),
    title: storedTitle(post.title),
    region: post.region,
    statement: post.statement,
    behalf: 'self' as const,
    consent: 0 as const,
    channel: LEGACY_CHANNEL,
    locale: 'zh-hans',
    created_at: at,
    status_changed_at: at,
    published_at: at,
    feedback: post.feedback,
    admission: 'imported' as const,
    featured_on: post.featured ? post.countedDay : null,
    alias_key: post.aliasKey,
    counted_day: post.countedDay,
    legacy_id: post.legacyId,
  };
}

function countedOf(post: ImportedDeclaration): CountedDeclaration {
  return {
    countedDay: post.countedDay,
    headcount: post.headcount,
    party: flag(post.orgs.includes('party')),
    league: flag(post.orgs.includes('league')),
    pioneers: flag(post.orgs.includes('pioneers')),
    region: post.region,
    channel: LEGACY_CHANNEL,
    centerId: null,
  };
}

/**
 * Imported people move from carried over to held here: each day's imported figures grow, and what
 * the day carries over is worked out again from its legacy figures, the carried-over totals moving by
 * the difference. The total (held here + carried over) stays where it was.
 */
async function moveToHeldHere(db: Executor, posts: readonly ImportedDeclaration[], at: Date): Promise<void> {
  const added = new Map<string, PeopleFigures>();
  for (const post of posts) {
    const people = post.headcount;
    const figures: PeopleFigures = {
      people,
      party: post.orgs.includes('party') ? people : 0,
      league: post.orgs.includes('league') ? people : 0,
      pioneers: post.orgs.includes('pioneers') ? people : 0,
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
   * caller's transaction: one multi-row INSERT per 500, skipping a post whose number or legacy id is
   * held already (so a run again, or resumed, writes nothing twice); counts the ones written, puts
   * them in the search index (their grams worked out by the caller, see ImportGrams), and moves their
   * people from carried over to held here. Returns the registration numbers written.
   */
  async insertImported(db: Executor, posts: readonly ImportedDeclaration[], grams: ImportGrams, at: Date): Promise<Set<string>> {
    const written = new Map<string, number>();
    for (let start = 0; start < posts.length; start += ROWS_PER_STATEMENT) {
      const rows = posts.slice(start, start + ROWS_PER_STATEMENT).map(importedRow);
      const sql = reusableSql(db, `declarations.insertImported:${rows.length}`, () =>
        db
          .insertInto('declarations')
          .values(rows)
          .onConflict((conflict) => conflict.doNothing())
          .returning(['id', 'registration_number'])
          .compile(),
      );
      const inserted = await db.executeQuery<{ id: number; registration_number: string }>(
        CompiledQuery.raw(
          sql,
          rows.flatMap((row) => Object.values(row)),
        ),
      );
      for (const row of inserted.rows) written.set(row.registration_number, Number(row.id));
    }
    const kept = posts.filter((post) => written.has(post.registrationNumber));
    if (kept.length === 0) return new Set();
    const gramTexts: string[] = [];
    const gramIds: number[] = [];
    for (let at = 0; at < grams.grams.length; at++) {
      const id = written.get(posts[grams.posts[at]!]!.registrationNumber);
      if (id === undefined) continue;
      gramTexts.push(grams.grams[at]!);
      gramIds.push(id);
    }
    await archiveSearchIndex.indexImported(db, gramTexts, gramIds);
    await counterRepository.applyMany(db, kept.map(countedOf), 1, at);
    await moveToHeldHere(db, kept, at);
    // Published here, so the transparency log's next batch gives each a `declared` leaf of class imported.
    await enqueueLogChanges(
      db,
      kept.map((post) => written.get(post.registrationNumber)!),
    );
    return new Set(written.keys());
  },

  /** Which of these numbers are held by an imported statement, and its legacy id: what a skipped post is told apart by. */
  async heldImported(db: Executor, numbers: readonly string[]): Promise<Map<string, number>> {
    const held = new Map<string, number>();
    for (const [number, legacyId] of await rowsWithoutSerial(db, numbers, true)) if (legacyId !== null) held.set(number, legacyId);
    return held;
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
