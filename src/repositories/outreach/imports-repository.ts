import type { Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { fromDbTime, toDbTime } from '../../db/time.ts';
import type { Executor } from '../executor.ts';

/** The problems kept per import: enough to fix a file, bounded whatever the file. */
export const MAX_KEPT_ERRORS = 200;

export interface ImportCounts {
  rows: number;
  accepted: number;
  duplicates: number;
  doNotCall: number;
  invalid: number;
}

export interface ImportRecord extends ImportCounts {
  id: number;
  campaignId: number;
  createdBy: number | null;
  status: 'staged' | 'committed' | 'discarded';
  createdAt: Date;
}

export interface ImportError {
  line: number;
  field: string | null;
  code: string;
  params: Record<string, string | number>;
}

function toRecord(row: Selectable<Database['outreach_imports']>): ImportRecord {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    createdBy: row.created_by,
    status: row.status,
    rows: row.rows,
    accepted: row.accepted,
    duplicates: row.duplicates,
    doNotCall: row.do_not_call,
    invalid: row.invalid,
    createdAt: fromDbTime(row.created_at),
  };
}

export const importsRepository = {
  async insert(db: Executor, campaignId: number, createdBy: number | null, at: Date): Promise<number> {
    const row = await db
      .insertInto('outreach_imports')
      .values({
        campaign_id: campaignId,
        created_by: createdBy,
        status: 'staged',
        rows: 0,
        accepted: 0,
        duplicates: 0,
        do_not_call: 0,
        invalid: 0,
        created_at: toDbTime(at),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async findById(db: Executor, id: number): Promise<ImportRecord | null> {
    const row = await db.selectFrom('outreach_imports').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  },

  async stagedFor(db: Executor, campaignId: number): Promise<number[]> {
    const rows = await db
      .selectFrom('outreach_imports')
      .select('id')
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'staged')
      .execute();
    return rows.map((row) => row.id);
  },

  /** Imports left staged since before `cutoff`: previews nobody confirmed or cancelled. */
  async stagedBefore(db: Executor, cutoff: Date): Promise<{ id: number; campaignId: number }[]> {
    const rows = await db
      .selectFrom('outreach_imports')
      .select(['id', 'campaign_id'])
      .where('status', '=', 'staged')
      .where('created_at', '<', toDbTime(cutoff))
      .execute();
    return rows.map((row) => ({ id: row.id, campaignId: row.campaign_id }));
  },

  async setCounts(db: Executor, id: number, counts: ImportCounts): Promise<void> {
    await db
      .updateTable('outreach_imports')
      .set({
        rows: counts.rows,
        accepted: counts.accepted,
        duplicates: counts.duplicates,
        do_not_call: counts.doNotCall,
        invalid: counts.invalid,
      })
      .where('id', '=', id)
      .execute();
  },

  /** Staged → committed or discarded, once: false if another request moved it first. */
  async finish(db: Executor, id: number, status: 'committed' | 'discarded', at: Date): Promise<boolean> {
    const result = await db
      .updateTable('outreach_imports')
      .set({ status, finished_at: toDbTime(at) })
      .where('id', '=', id)
      .where('status', '=', 'staged')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async insertErrors(db: Executor, importId: number, errors: readonly ImportError[]): Promise<void> {
    if (errors.length === 0) return;
    await db
      .insertInto('outreach_import_errors')
      .values(
        errors.map((error) => ({
          import_id: importId,
          line: error.line,
          field: error.field,
          code: error.code,
          params: JSON.stringify(error.params),
        })),
      )
      .execute();
  },

  async errors(db: Executor, importId: number): Promise<ImportError[]> {
    const rows = await db
      .selectFrom('outreach_import_errors')
      .selectAll()
      .where('import_id', '=', importId)
      .orderBy('line')
      .limit(MAX_KEPT_ERRORS)
      .execute();
    return rows.map((row) => ({
      line: row.line,
      field: row.field,
      code: row.code,
      params: JSON.parse(row.params) as Record<string, string | number>,
    }));
  },
};

export type ImportsRepository = typeof importsRepository;
