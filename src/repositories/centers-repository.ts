import type { Selectable } from 'kysely';
import type { CentersTable } from '../db/schema.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import type { Executor } from './executor.ts';

export interface CenterFields {
  name: string;
  city: string;
  country: string;
  hotlines: string[];
  fax: string | null;
  email: string | null;
  address: string | null;
  openingHours: string | null;
  languages: string;
  isPublic: boolean;
}

export interface CenterRecord extends CenterFields {
  id: number;
  createdAt: Date;
  updatedAt: Date;
}

function toRecord(row: Selectable<CentersTable>): CenterRecord {
  return {
    id: row.id,
    name: row.name,
    city: row.city,
    country: row.country,
    hotlines: JSON.parse(row.hotlines) as string[],
    fax: row.fax,
    email: row.email,
    address: row.address,
    openingHours: row.opening_hours,
    languages: row.languages,
    isPublic: row.is_public === 1,
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
  };
}

function toColumns(center: CenterFields) {
  return {
    name: center.name,
    city: center.city,
    country: center.country,
    hotlines: JSON.stringify(center.hotlines),
    fax: center.fax,
    email: center.email,
    address: center.address,
    opening_hours: center.openingHours,
    languages: center.languages,
    is_public: center.isPublic ? (1 as const) : (0 as const),
  };
}

/** Service centers: the public directory and the centers staff belong to. */
export const centersRepository = {
  async insert(db: Executor, center: CenterFields & { at: Date }): Promise<number> {
    const at = toDbTime(center.at);
    const row = await db
      .insertInto('centers')
      .values({ ...toColumns(center), created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  /** Replaces every field; returns false when there is no such center. */
  async update(db: Executor, id: number, center: CenterFields & { at: Date }): Promise<boolean> {
    const result = await db
      .updateTable('centers')
      .set({ ...toColumns(center), updated_at: toDbTime(center.at) })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  async findById(db: Executor, id: number): Promise<CenterRecord | null> {
    const row = await db.selectFrom('centers').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  },

  /** In directory order: country, city, name. */
  async list(db: Executor, filter: { publicOnly?: boolean; id?: number } = {}): Promise<CenterRecord[]> {
    let query = db.selectFrom('centers').selectAll().orderBy('country').orderBy('city').orderBy('name').orderBy('id');
    if (filter.publicOnly) query = query.where('is_public', '=', 1);
    if (filter.id !== undefined) query = query.where('id', '=', filter.id);
    return (await query.execute()).map(toRecord);
  },
};

export type CentersRepository = typeof centersRepository;
