import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Admission, Database, DeclarationStatus, DeclarationsTable } from '../../db/schema.ts';
import { fromDbTime, toDbTime } from '../../db/time.ts';
import { organizationsOf, type Organization } from '../../domain/declaration/organizations.ts';
import type { RegistrationNumberRef } from '../../domain/declaration/registration-number.ts';
import { titleOf } from '../declaration-title.ts';
import type { Executor } from '../executor.ts';
import { matchesNumber } from '../registration-serials-repository.ts';

/** What the moderation queue shows of a declaration: never the contact, the password hash or who entered it. */
export interface QueueRow {
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
  channel: string;
  admission: Admission;
  centerId: number | null;
  createdAt: Date;
  status: DeclarationStatus;
  /** The original's id, and its registration number for display. */
  duplicateOf: number | null;
  duplicateOfNumber: string | null;
  featuredOn: string | null;
  aliasKey: string | null;
  /** The key near-identical statements share, for the signals; never shown. */
  textKey: string | null;
  /** The phone-bank campaign of the call it was entered for (docs/outreach.md), if it was. */
  callCampaign: string | null;
}

/** The fields a moderation decision needs about one declaration. */
export interface ModerationTarget {
  id: number;
  registrationNumber: string;
  status: DeclarationStatus;
  locale: string;
  /** Null when the declarant wrote none. */
  title: string | null;
  statement: string | null;
  names: string[];
  region: string | null;
  headcount: number;
  duplicateOf: number | null;
  featuredOn: string | null;
}

interface QueueQuery {
  status: DeclarationStatus;
  channel?: string | undefined;
  centerId?: number | undefined;
  /** Inclusive lower bound on created_at. */
  createdFrom?: Date | undefined;
  /** Exclusive upper bound on created_at. */
  createdBefore?: Date | undefined;
  beforeId?: number | undefined;
  limit: number;
}

const QUEUE_COLUMNS = [
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
  'd.channel',
  'd.admission',
  'd.center_id',
  'd.created_at',
  'd.status',
  'd.duplicate_of',
  'd.featured_on',
  'd.alias_key',
  'd.text_key',
  'o.registration_number as duplicate_of_number',
] as const;

type QueueColumns = Pick<
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
  | 'channel'
  | 'admission'
  | 'center_id'
  | 'created_at'
  | 'status'
  | 'duplicate_of'
  | 'featured_on'
  | 'alias_key'
  | 'text_key'
> & { duplicate_of_number: string | null; call_campaign: string | null };

function toQueueRow(row: QueueColumns): QueueRow {
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    names: JSON.parse(row.names) as string[],
    headcount: row.headcount,
    orgs: organizationsOf(row),
    title: titleOf(row.title),
    region: row.region,
    statement: row.statement,
    behalf: row.behalf,
    channel: row.channel,
    admission: row.admission,
    centerId: row.center_id,
    createdAt: fromDbTime(row.created_at),
    status: row.status,
    duplicateOf: row.duplicate_of,
    duplicateOfNumber: row.duplicate_of_number,
    featuredOn: row.featured_on,
    aliasKey: row.alias_key,
    textKey: row.text_key,
    callCampaign: row.call_campaign,
  };
}

/** The campaign of the call a declaration was entered for: one call per batch, so at most one. */
function callCampaign(eb: ExpressionBuilder<Database & { d: DeclarationsTable }, 'd'>) {
  return eb
    .selectFrom('outreach_attempt_declarations as l')
    .innerJoin('outreach_attempts as a', 'a.id', 'l.attempt_id')
    .innerJoin('outreach_campaigns as k', 'k.id', 'a.campaign_id')
    .select('k.name')
    .whereRef('l.declaration_id', '=', 'd.id')
    .limit(1)
    .as('call_campaign');
}

const TARGET_COLUMNS = [
  'id',
  'registration_number',
  'status',
  'locale',
  'title',
  'statement',
  'names',
  'region',
  'headcount',
  'duplicate_of',
  'featured_on',
] as const;

function toTarget(row: Pick<Selectable<DeclarationsTable>, (typeof TARGET_COLUMNS)[number]>): ModerationTarget {
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    status: row.status,
    locale: row.locale,
    title: titleOf(row.title),
    statement: row.statement,
    names: JSON.parse(row.names) as string[],
    region: row.region,
    headcount: row.headcount,
    duplicateOf: row.duplicate_of,
    featuredOn: row.featured_on,
  };
}

/** The queue, one declaration in its shape, and what a decision reads of one. */
export const queueQueries = {
  /** Newest first, keyset-paged by id. */
  async queue(db: Executor, query: QueueQuery): Promise<QueueRow[]> {
    let select = db
      .selectFrom('declarations as d')
      .leftJoin('declarations as o', 'o.id', 'd.duplicate_of')
      .select(QUEUE_COLUMNS)
      .select(callCampaign)
      .where('d.status', '=', query.status)
      .orderBy('d.id', 'desc')
      .limit(query.limit);
    if (query.channel !== undefined) select = select.where('d.channel', '=', query.channel);
    if (query.centerId !== undefined) select = select.where('d.center_id', '=', query.centerId);
    if (query.createdFrom !== undefined) select = select.where('d.created_at', '>=', toDbTime(query.createdFrom));
    if (query.createdBefore !== undefined) select = select.where('d.created_at', '<', toDbTime(query.createdBefore));
    if (query.beforeId !== undefined) select = select.where('d.id', '<', query.beforeId);
    return (await select.execute()).map((row) => toQueueRow(row as QueueColumns));
  },

  /** One declaration in the queue's shape, whatever its status. */
  async one(db: Executor, ref: RegistrationNumberRef): Promise<QueueRow | null> {
    const row = await db
      .selectFrom('declarations as d')
      .leftJoin('declarations as o', 'o.id', 'd.duplicate_of')
      .select(QUEUE_COLUMNS)
      .select(callCampaign)
      .where(matchesNumber(ref, 'd'))
      .executeTakeFirst();
    return row ? toQueueRow(row as QueueColumns) : null;
  },

  async findTarget(db: Executor, ref: RegistrationNumberRef): Promise<ModerationTarget | null> {
    const row = await db.selectFrom('declarations').select(TARGET_COLUMNS).where(matchesNumber(ref)).executeTakeFirst();
    return row ? toTarget(row) : null;
  },

  /**
   * findTarget for many numbers: those issued with a serial in one statement through its index,
   * the rest one by one, as findTarget finds a number issued before serials (a list of them would
   * lead SQLite's planner to the serial index for "no serial").
   */
  async findTargets(db: Executor, refs: readonly RegistrationNumberRef[]): Promise<ModerationTarget[]> {
    if (refs.length === 0) return [];
    const numberOfSerial = new Map(refs.map((ref) => [ref.serial, ref.number]));
    const rows = await db
      .selectFrom('declarations')
      .select([...TARGET_COLUMNS, 'registration_serial'])
      .where('registration_serial', 'in', [...numberOfSerial.keys()])
      .execute();
    // The text is compared too: a number that merely decodes to the serial of another row finds nothing.
    const targets = rows.filter((row) => numberOfSerial.get(row.registration_serial!) === row.registration_number).map(toTarget);
    const found = new Set(targets.map((target) => target.registrationNumber));
    for (const ref of refs) {
      if (found.has(ref.number)) continue;
      const row = await db
        .selectFrom('declarations')
        .select(TARGET_COLUMNS)
        .where('registration_serial', 'is', null)
        .where('registration_number', '=', ref.number)
        .executeTakeFirst();
      if (row) targets.push(toTarget(row));
    }
    return targets;
  },
};
