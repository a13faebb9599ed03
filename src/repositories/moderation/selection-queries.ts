import type { Selectable } from 'kysely';
import type { DeclarationsTable } from '../../db/schema.ts';
import { fromDbTime } from '../../db/time.ts';
import { organizationsOf, type Organization } from '../../domain/declaration/organizations.ts';
import { titleOf } from '../declaration-title.ts';
import type { Executor } from '../executor.ts';

interface PublicSelectionRow {
  registrationNumber: string;
  names: string[];
  headcount: number;
  orgs: Organization[];
  /** Null when the declarant wrote none. */
  title: string | null;
  region: string | null;
  statement: string | null;
  behalf: 'self' | 'family' | 'deceased';
  publishedAt: Date;
}

const PUBLIC_SELECTION_COLUMNS = [
  'registration_number',
  'names',
  'headcount',
  'party',
  'league',
  'pioneers',
  'title',
  'region',
  'statement',
  'behalf',
  'published_at',
  'id',
] as const;

function toPublicSelectionRow(row: Pick<Selectable<DeclarationsTable>, (typeof PUBLIC_SELECTION_COLUMNS)[number]>): PublicSelectionRow {
  return {
    registrationNumber: row.registration_number,
    names: JSON.parse(row.names) as string[],
    headcount: row.headcount,
    orgs: organizationsOf(row),
    title: titleOf(row.title),
    region: row.region,
    statement: row.statement,
    behalf: row.behalf,
    publishedAt: fromDbTime(row.published_at ?? new Date(0)),
  };
}

/** The statements of a day for the newspaper: public fields only. */
export const selectionQueries = {
  /** The published declarations featured on a day, in the order they were published. */
  async featured(db: Executor, day: string): Promise<PublicSelectionRow[]> {
    const rows = await db
      .selectFrom('declarations')
      .select(PUBLIC_SELECTION_COLUMNS)
      .where('featured_on', '=', day)
      .where('status', '=', 'published')
      .orderBy('published_at')
      .orderBy('id')
      .execute();
    return rows.map(toPublicSelectionRow);
  },

  /**
   * Every declaration published (and counted) on a day of the counting time zone, in id order:
   * the whole day's statements for the newspaper.
   * SQLite: SEARCH declarations USING INDEX declarations_counted_day (counted_day=?)
   */
  async publishedOn(db: Executor, day: string): Promise<PublicSelectionRow[]> {
    const rows = await db
      .selectFrom('declarations')
      .select(PUBLIC_SELECTION_COLUMNS)
      .where('counted_day', '=', day)
      .where('status', '=', 'published')
      .where('duplicate_of', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map(toPublicSelectionRow);
  },
};
