import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import { mostlyTrue } from '../db/engine.ts';
import type { DeclarationsTable } from '../db/schema.ts';
import { fromDbTime } from '../db/time.ts';
import { organizationsOf, type Organization } from '../domain/declaration/organizations.ts';
import { titleOf } from './declaration-title.ts';
import type { Executor } from './executor.ts';

/*
 * What every archive query reads and how (archive-repository.ts): the columns of a row, the
 * published condition, and the read of rows in the order of an index on another alias of the table.
 */

/** A published declaration as the archive lists it. */
export interface ArchiveRow {
  id: number;
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
  /** The day it counts on (in the counting time zone). */
  countedDay: string | null;
  featuredOn: string | null;
  aliasKey: string | null;
}

export const COLUMNS = [
  'd.id',
  'd.registration_number',
  'd.names',
  'd.headcount',
  'd.party',
  'd.league',
  'd.pioneers',
  'd.title',
  'd.region',
  'd.statement',
  'd.behalf',
  'd.published_at',
  'd.counted_day',
  'd.featured_on',
  'd.alias_key',
] as const;

type Row = Pick<
  Selectable<DeclarationsTable>,
  | 'id'
  | 'registration_number'
  | 'names'
  | 'headcount'
  | 'party'
  | 'league'
  | 'pioneers'
  | 'title'
  | 'region'
  | 'statement'
  | 'behalf'
  | 'published_at'
  | 'counted_day'
  | 'featured_on'
  | 'alias_key'
>;

export function toArchiveRow(row: Row): ArchiveRow {
  const orgs = organizationsOf(row);
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    names: JSON.parse(row.names) as string[],
    headcount: row.headcount,
    orgs,
    title: titleOf(row.title),
    region: row.region,
    statement: row.statement,
    behalf: row.behalf,
    publishedAt: fromDbTime(row.published_at ?? new Date(0)),
    countedDay: row.counted_day,
    featuredOn: row.featured_on,
    aliasKey: row.alias_key,
  };
}

/** `d.status = 'published' and d.duplicate_of is null`; the value is written as a literal, it never varies. */
export function isPublished(eb: ExpressionBuilder<{ d: DeclarationsTable }, 'd'>) {
  return eb.and([eb('d.status', '=', sql.lit('published')), eb('d.duplicate_of', 'is', null)]);
}

/**
 * Rows in the order of an index on `k`, each fetched from `d` by primary key
 * and kept if published: `declarations k cross join declarations d where d.id = k.id`.
 */
export function keyed(db: Executor) {
  return db.selectFrom('declarations as k').crossJoin('declarations as d').select(COLUMNS).whereRef('d.id', '=', 'k.id').where(isPublished);
}

/**
 * keyed() over an index of published rows only (declarations_alias_published, migration 0026):
 * `k` carries the index's own condition, written as it is there, which is what lets SQLite and
 * PostgreSQL read that partial index; the status is marked as true of most rows, or SQLite would
 * read (status, id) instead and sort (db/engine.ts).
 */
export function keyedPublished(db: Executor) {
  return keyed(db).where((eb) => eb.and([mostlyTrue(db, eb('k.status', '=', sql.lit('published'))), eb('k.duplicate_of', 'is', null)]));
}
