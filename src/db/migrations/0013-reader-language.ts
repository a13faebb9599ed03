import { sql, type Kysely } from 'kysely';

/**
 * Titles and reject reasons are made in the reader's language when read, not stored in the
 * submitter's.
 *
 * A declaration without a title of its own got a default one ("声明退出中国共产党、共青团",
 * "Declaration of quitting the …") in the language of the form it came from, so English
 * titles showed in the Chinese archive. Such rows now hold an empty title, which no declarant
 * can write; the default is made from the organisations for each reader. The wording below
 * is every default ever stored, frozen here: any order of the organisations, all three
 * languages. A row only loses a title that is the default for its own organisations. Their
 * title grams go too: an empty title has none.
 *
 * A rejection stored the managed reason's text in the submitter's language; it now also keeps
 * the reason's id, so the receipt shows it in the reader's. Existing rejections get the id of
 * the reason whose text they hold, in any language. Free-text reasons keep no id.
 */

const ORGS = ['party', 'league', 'pioneers'] as const;
type Org = (typeof ORGS)[number];

const WORDING: readonly { names: Record<Org, string>; joiner: string; title: (orgs: string) => string }[] = [
  { names: { party: '中国共产党', league: '共青团', pioneers: '少先队' }, joiner: '、', title: (orgs) => `声明退出${orgs}` },
  { names: { party: '中國共產黨', league: '共青團', pioneers: '少先隊' }, joiner: '、', title: (orgs) => `聲明退出${orgs}` },
  {
    names: { party: 'Chinese Communist Party', league: 'Communist Youth League', pioneers: 'Young Pioneers' },
    joiner: ', ',
    title: (orgs) => `Declaration of quitting the ${orgs}`,
  },
];

function permutations(orgs: readonly Org[]): Org[][] {
  if (orgs.length <= 1) return [[...orgs]];
  return orgs.flatMap((first) => permutations(orgs.filter((org) => org !== first)).map((rest) => [first, ...rest]));
}

/** The 7 non-empty sets of organisations, each with the default titles ever stored for it. */
function defaultTitles(): { orgs: Org[]; titles: string[] }[] {
  const sets = [1, 2, 3, 4, 5, 6, 7].map((mask) => ORGS.filter((_, i) => mask & (1 << i)));
  return sets.map((orgs) => ({
    orgs,
    titles: WORDING.flatMap(({ names, joiner, title }) =>
      permutations(orgs).map((order) => title(order.map((org) => names[org]).join(joiner))),
    ),
  }));
}

const flag = (orgs: readonly Org[], org: Org) => (orgs.includes(org) ? 1 : 0);

export async function up(db: Kysely<any>): Promise<void> {
  // The table is altered first: on PostgreSQL a title change queues the deferred trigger of
  // 0009, and a table with pending trigger events cannot be altered in the same transaction.
  // No foreign key: SQLite cannot drop a column that has one (down), and reasons are retired, never deleted.
  await db.schema.alterTable('declarations').addColumn('reject_reason_id', 'integer').execute();
  await sql`
    update declarations set reject_reason_id = (
      select min(r.id) from reject_reasons r
      where declarations.reject_reason in (r.label_zh_hans, r.label_zh_hant, r.label_en)
    )
    where reject_reason is not null`.execute(db);

  // One pass over the table for all seven sets.
  await db
    .updateTable('declarations')
    .set({ title: '' })
    .where((eb) =>
      eb.or(
        defaultTitles().map(({ orgs, titles }) =>
          eb.and([
            eb('party', '=', flag(orgs, 'party')),
            eb('league', '=', flag(orgs, 'league')),
            eb('pioneers', '=', flag(orgs, 'pioneers')),
            eb('title', 'in', titles),
          ]),
        ),
      ),
    )
    .execute();
  // Title grams start with 't' (domain/declaration/search-grams.ts).
  await db
    .deleteFrom('search_grams')
    .where('gram', '>=', 't')
    .where('gram', '<', 'u')
    .where('declaration_id', 'in', db.selectFrom('declarations').select('id').where('title', '=', ''))
    .execute();
}

/** Back to stored texts: empty titles get the simplified Chinese default (their search grams are not rebuilt). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('declarations').dropColumn('reject_reason_id').execute();
  const [simplified] = WORDING;
  for (const { orgs } of defaultTitles()) {
    await db
      .updateTable('declarations')
      .set({ title: simplified!.title(orgs.map((org) => simplified!.names[org]).join(simplified!.joiner)) })
      .where('title', '=', '')
      .where('party', '=', flag(orgs, 'party'))
      .where('league', '=', flag(orgs, 'league'))
      .where('pioneers', '=', flag(orgs, 'pioneers'))
      .execute();
  }
}
