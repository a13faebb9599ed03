import type { ResourceLinkKind } from '../domain/resources/links.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import type { Executor } from './executor.ts';

export interface ResourceVersionRecord {
  id: number;
  locale: string;
  body: string;
  /** The staff member who saved it; null for the command line. */
  createdBy: number | null;
  createdByName: string | null;
  restoredFrom: number | null;
  createdAt: Date;
}

export interface ResourceLinkRecord {
  id: number;
  url: string;
  kind: ResourceLinkKind;
  label: string;
  createdAt: Date;
}

function versions(ex: Executor) {
  return ex
    .selectFrom('resource_versions')
    .leftJoin('staff', 'staff.id', 'resource_versions.created_by')
    .selectAll('resource_versions')
    .select('staff.name as staff_name');
}

type VersionRow = Awaited<ReturnType<ReturnType<typeof versions>['executeTakeFirstOrThrow']>>;

function toVersion(row: VersionRow): ResourceVersionRecord {
  return {
    id: row.id,
    locale: row.locale,
    body: row.body,
    createdBy: row.created_by,
    createdByName: row.staff_name,
    restoredFrom: row.restored_from,
    createdAt: fromDbTime(row.created_at),
  };
}

/** The resources page's versions (only ever added) and the outside addresses it may link to. */
export const resourcesRepository = {
  async latest(ex: Executor, locale: string): Promise<ResourceVersionRecord | null> {
    const row = await versions(ex)
      .where('resource_versions.locale', '=', locale)
      .orderBy('resource_versions.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toVersion(row) : null;
  },

  async findVersion(ex: Executor, id: number): Promise<ResourceVersionRecord | null> {
    const row = await versions(ex).where('resource_versions.id', '=', id).executeTakeFirst();
    return row ? toVersion(row) : null;
  },

  /** A language's versions, newest first. */
  async history(ex: Executor, locale: string, limit: number): Promise<ResourceVersionRecord[]> {
    const rows = await versions(ex)
      .where('resource_versions.locale', '=', locale)
      .orderBy('resource_versions.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toVersion);
  },

  async insertVersion(
    ex: Executor,
    row: { locale: string; body: string; createdBy: number | null; restoredFrom: number | null; at: Date },
  ): Promise<number> {
    const inserted = await ex
      .insertInto('resource_versions')
      .values({
        locale: row.locale,
        body: row.body,
        created_by: row.createdBy,
        restored_from: row.restoredFrom,
        created_at: toDbTime(row.at),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  },

  /** Every listed address, by kind, then in the order they were added. */
  async links(ex: Executor): Promise<ResourceLinkRecord[]> {
    const rows = await ex.selectFrom('resource_links').selectAll().orderBy('kind').orderBy('id').execute();
    return rows.map((row) => ({ id: row.id, url: row.url, kind: row.kind, label: row.label, createdAt: fromDbTime(row.created_at) }));
  },

  /** Adds an address; null when it is listed already (the unique url settles a race). */
  async insertLink(
    ex: Executor,
    row: { url: string; kind: ResourceLinkKind; label: string; createdBy: number | null; at: Date },
  ): Promise<number | null> {
    const inserted = await ex
      .insertInto('resource_links')
      .values({ url: row.url, kind: row.kind, label: row.label, created_by: row.createdBy, created_at: toDbTime(row.at) })
      .onConflict((oc) => oc.column('url').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted?.id ?? null;
  },

  /** Removes an address and returns it, or null when it was not listed (any more). */
  async deleteLink(ex: Executor, id: number): Promise<{ url: string; kind: ResourceLinkKind } | null> {
    const row = await ex.deleteFrom('resource_links').where('id', '=', id).returning(['url', 'kind']).executeTakeFirst();
    return row ?? null;
  },
};

export type ResourcesRepository = typeof resourcesRepository;
