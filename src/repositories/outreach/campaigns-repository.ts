import type { Selectable } from 'kysely';
import type { OutreachCampaignsTable } from '../../db/schema.ts';
import { fromDbTime, toDbTime } from '../../db/time.ts';
import type { CampaignInput } from '../../domain/outreach/campaign-input.ts';
import type { ConsequenceOverrides } from '../../domain/outreach/outcomes.ts';
import type { Script } from '../../domain/outreach/script.ts';
import type { Executor } from '../executor.ts';

export interface CampaignRecord extends CampaignInput {
  id: number;
  consequences: ConsequenceOverrides;
  createdAt: Date;
  updatedAt: Date;
  purgedAt: Date | null;
}

export interface ScriptVersion {
  version: number;
  script: Script;
  createdBy: number | null;
  createdAt: Date;
}

function toRecord(row: Selectable<OutreachCampaignsTable>): CampaignRecord {
  return {
    id: row.id,
    centerId: row.center_id,
    name: row.name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    callingFrom: row.calling_from,
    callingUntil: row.calling_until,
    timeZone: row.time_zone,
    retentionDays: row.retention_days,
    leaseSize: row.lease_size,
    leaseHours: row.lease_hours,
    consequences: JSON.parse(row.consequences) as ConsequenceOverrides,
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
    purgedAt: row.purged_at === null ? null : fromDbTime(row.purged_at),
  };
}

function columns(input: CampaignInput) {
  return {
    center_id: input.centerId,
    name: input.name,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    calling_from: input.callingFrom,
    calling_until: input.callingUntil,
    time_zone: input.timeZone,
    retention_days: input.retentionDays,
    lease_size: input.leaseSize,
    lease_hours: input.leaseHours,
  };
}

export const campaignsRepository = {
  async insert(db: Executor, input: CampaignInput & { consequences: ConsequenceOverrides; at: Date }): Promise<number> {
    const at = toDbTime(input.at);
    const row = await db
      .insertInto('outreach_campaigns')
      .values({ ...columns(input), consequences: JSON.stringify(input.consequences), created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async update(db: Executor, id: number, input: CampaignInput & { at: Date }): Promise<void> {
    await db
      .updateTable('outreach_campaigns')
      .set({ ...columns(input), updated_at: toDbTime(input.at) })
      .where('id', '=', id)
      .execute();
  },

  async updateConsequences(db: Executor, id: number, consequences: ConsequenceOverrides, at: Date): Promise<void> {
    await db
      .updateTable('outreach_campaigns')
      .set({ consequences: JSON.stringify(consequences), updated_at: toDbTime(at) })
      .where('id', '=', id)
      .execute();
  },

  async findById(db: Executor, id: number): Promise<CampaignRecord | null> {
    const row = await db.selectFrom('outreach_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  },

  /** Newest first; one center's, or every center's. */
  async list(db: Executor, filter: { centerId?: number }): Promise<CampaignRecord[]> {
    let query = db.selectFrom('outreach_campaigns').selectAll().orderBy('id', 'desc').limit(500);
    if (filter.centerId !== undefined) query = query.where('center_id', '=', filter.centerId);
    return (await query.execute()).map(toRecord);
  },

  /** Campaigns whose numbers are still kept: the retention job's candidates. */
  async unpurged(db: Executor): Promise<CampaignRecord[]> {
    return (await db.selectFrom('outreach_campaigns').selectAll().where('purged_at', 'is', null).orderBy('id').execute()).map(toRecord);
  },

  /** Once: false if another process purged it first. */
  async markPurged(db: Executor, id: number, at: Date): Promise<boolean> {
    const result = await db
      .updateTable('outreach_campaigns')
      .set({ purged_at: toDbTime(at) })
      .where('id', '=', id)
      .where('purged_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async latestScript(db: Executor, campaignId: number): Promise<ScriptVersion | null> {
    const row = await db
      .selectFrom('outreach_scripts')
      .select(['version', 'body', 'created_by', 'created_at'])
      .where('campaign_id', '=', campaignId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row
      ? { version: row.version, script: JSON.parse(row.body) as Script, createdBy: row.created_by, createdAt: fromDbTime(row.created_at) }
      : null;
  },

  /** The next version; two editors saving at once collide on the unique (campaign, version) and one retries. */
  async insertScript(db: Executor, campaignId: number, script: Script, by: number | null, at: Date): Promise<number> {
    const last = await db
      .selectFrom('outreach_scripts')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst();
    const version = Number(last?.version ?? 0) + 1;
    await db
      .insertInto('outreach_scripts')
      .values({ campaign_id: campaignId, version, body: JSON.stringify(script), created_by: by, created_at: toDbTime(at) })
      .execute();
    return version;
  },
};

export type CampaignsRepository = typeof campaignsRepository;
