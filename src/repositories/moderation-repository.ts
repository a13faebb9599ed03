import { sql, type AliasedExpression, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Admission, Database, DeclarationStatus, DeclarationsTable } from '../db/schema.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import { regionMatchKey } from '../domain/declaration/alias-key.ts';
import { organizationsOf, type Organization } from '../domain/declaration/organizations.ts';
import type { RegistrationNumberRef } from '../domain/declaration/registration-number.ts';
import { countsRepository } from './counts-repository.ts';
import type { Executor } from './executor.ts';
import { matchesNumber } from './registration-serials-repository.ts';

/** What the moderation queue shows of a declaration: never the contact, the password hash or who entered it. */
export interface QueueRow {
  id: number;
  registrationNumber: string;
  names: string[];
  headcount: number;
  orgs: Organization[];
  title: string;
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
}

/** The fields a moderation decision needs about one declaration. */
export interface ModerationTarget {
  id: number;
  registrationNumber: string;
  status: DeclarationStatus;
  locale: string;
  title: string;
  statement: string | null;
  names: string[];
  region: string | null;
  headcount: number;
  duplicateOf: number | null;
  featuredOn: string | null;
}

/** What a redaction may replace; absent fields stay as they are. */
export interface RedactedFields {
  title?: string;
  statement?: string | null;
  names?: string[];
  /** Stored with the names: the first name's key, for search by alias and the duplicate signals. */
  aliasKey?: string;
  region?: string | null;
}

export interface PublicSelectionRow {
  registrationNumber: string;
  names: string[];
  headcount: number;
  orgs: Organization[];
  title: string;
  region: string | null;
  statement: string | null;
  behalf: 'self' | 'family' | 'deceased';
  publishedAt: Date;
}

export interface RejectReasonRecord {
  id: number;
  labels: { 'zh-hans': string; 'zh-hant': string; en: string };
  active: boolean;
}

export interface QueueQuery {
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

export interface SignalSubject {
  id: number;
  aliasKey: string | null;
  region: string | null;
  statement: string | null;
  createdAt: Date;
}

export interface SignalWindows {
  /** Half-width of the window for likely duplicates (same alias key and region). */
  duplicateMs: number;
  /** Half-width of the window for bursts (same alias key, or the same statement). */
  burstMs: number;
}

export interface Signals {
  /** Other declarations with the same alias key and region (folded, regionMatchKey) in the duplicate window. */
  likelyDuplicates: number;
  /** Other declarations with the same alias key or statement in the burst window (this one not counted). */
  burstOthers: number;
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
> & { duplicate_of_number: string | null };

function toQueueRow(row: QueueColumns): QueueRow {
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    names: JSON.parse(row.names) as string[],
    headcount: row.headcount,
    orgs: organizationsOf(row),
    title: row.title,
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
  };
}

const hasText = (value: string | null): value is string => value !== null && value !== '';

/** A declaration that another one likely duplicates, as the detail page lists it. */
export interface LikelyDuplicateRow {
  registrationNumber: string;
  names: string[];
  region: string | null;
  status: DeclarationStatus;
  createdAt: Date;
  /** Whether it is itself marked as a duplicate (and so cannot be anyone's original). */
  isDuplicate: boolean;
}

type WithAliasKey = SignalSubject & { aliasKey: string };

/**
 * For each subject, the spellings of the region among the other declarations
 * with its alias key in the window, with how many wrote each: one grouped
 * select per subject, in one statement. Regions are free text; they are
 * folded here (regionMatchKey), as SQL cannot, and the spellings of one
 * alias in a window are few even when its declarations are many.
 */
async function regionSpellings(
  db: Executor,
  subjects: readonly WithAliasKey[],
  windowMs: number,
): Promise<Map<number, { region: string | null; n: number }[]>> {
  const result = new Map<number, { region: string | null; n: number }[]>(subjects.map((subject) => [subject.id, []]));
  const selects = subjects.map((subject) => {
    const t = subject.createdAt.getTime();
    return db
      .selectFrom('declarations')
      .select((eb) => [sql.lit(subject.id).as('subject'), 'region', eb.fn.countAll().as('n')])
      .where('alias_key', '=', subject.aliasKey)
      .where('id', '!=', subject.id)
      .where('created_at', '>=', toDbTime(new Date(t - windowMs)))
      .where('created_at', '<=', toDbTime(new Date(t + windowMs)))
      .groupBy('region');
  });
  if (selects.length === 0) return result;
  const query = selects.slice(1).reduce((all, select) => all.unionAll(select), selects[0]!);
  for (const row of await query.execute()) {
    result.get(Number(row.subject))!.push({ region: row.region, n: Number(row.n) });
  }
  return result;
}

/** The spellings among `spellings` that name the subject's region. */
function sameRegion(subject: SignalSubject, spellings: readonly { region: string | null; n: number }[]) {
  const key = regionMatchKey(subject.region);
  return spellings.filter((spelling) => regionMatchKey(spelling.region) === key);
}

const withAliasKey = (subject: SignalSubject): subject is WithAliasKey => subject.aliasKey !== null;

const PUBLIC_SELECTION_COLUMNS = ['registration_number', 'names', 'headcount', 'party', 'league', 'pioneers', 'title', 'region', 'statement', 'behalf', 'published_at', 'id'] as const;

function toPublicSelectionRow(
  row: Pick<Selectable<DeclarationsTable>, (typeof PUBLIC_SELECTION_COLUMNS)[number]>,
): PublicSelectionRow {
  return {
    registrationNumber: row.registration_number,
    names: JSON.parse(row.names) as string[],
    headcount: row.headcount,
    orgs: organizationsOf(row),
    title: row.title,
    region: row.region,
    statement: row.statement,
    behalf: row.behalf,
    publishedAt: fromDbTime(row.published_at ?? new Date(0)),
  };
}

/** The SQL of the moderation console; status changes themselves go through declarationsRepository. */
export const moderationRepository = {
  /** Newest first, keyset-paged by id. */
  async queue(db: Executor, query: QueueQuery): Promise<QueueRow[]> {
    let select = db
      .selectFrom('declarations as d')
      .leftJoin('declarations as o', 'o.id', 'd.duplicate_of')
      .select(QUEUE_COLUMNS)
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
      .where(matchesNumber(ref, 'd'))
      .executeTakeFirst();
    return row ? toQueueRow(row as QueueColumns) : null;
  },

  /**
   * Duplicate and burst counts for a page of declarations: the region
   * spellings of likely duplicates in one statement, the bursts in another of
   * scalar subqueries. The windows are computed here rather than in SQL, so
   * the same queries serve both engines.
   */
  async signals(db: Executor, subjects: readonly SignalSubject[], windows: SignalWindows): Promise<Map<number, Signals>> {
    const result = new Map<number, Signals>();
    const keyed = subjects.filter(withAliasKey);
    const spellings = await regionSpellings(db, keyed, windows.duplicateMs);
    const columns: { key: string; id: number; kind: keyof Signals }[] = [];
    const selections: ((eb: ExpressionBuilder<Database, never>) => AliasedExpression<unknown, string>)[] = [];
    for (const subject of subjects) {
      const likelyDuplicates = sameRegion(subject, spellings.get(subject.id) ?? []).reduce((sum, spelling) => sum + spelling.n, 0);
      result.set(subject.id, { likelyDuplicates, burstOthers: 0 });
      const t = subject.createdAt.getTime();
      if (subject.aliasKey !== null || hasText(subject.statement)) {
        const key = `b${columns.length}`;
        columns.push({ key, id: subject.id, kind: 'burstOthers' });
        const aliasKey = subject.aliasKey;
        const statement = hasText(subject.statement) ? subject.statement : null;
        selections.push((eb) =>
          eb
            .selectFrom('declarations')
            .select((inner) => inner.fn.countAll().as('n'))
            .where('id', '!=', subject.id)
            .where('created_at', '>=', toDbTime(new Date(t - windows.burstMs)))
            .where('created_at', '<=', toDbTime(new Date(t + windows.burstMs)))
            .where((w) => {
              const same = [];
              if (aliasKey !== null) same.push(w('alias_key', '=', aliasKey));
              if (statement !== null) same.push(w('statement', '=', statement));
              return w.or(same);
            })
            .as(key),
        );
      }
    }
    if (columns.length === 0) return result;
    const row = (await db
      .selectNoFrom((eb) => selections.map((select) => select(eb)))
      .executeTakeFirstOrThrow()) as Record<string, unknown>;
    for (const column of columns) {
      const signals = result.get(column.id)!;
      signals[column.kind] = Number(row[column.key] ?? 0);
    }
    return result;
  },

  /**
   * What signals() counts as a subject's likely duplicates, newest first, at
   * most `limit` of them, and how many there are in all.
   */
  async likelyDuplicates(
    db: Executor,
    subject: SignalSubject,
    windowMs: number,
    limit: number,
  ): Promise<{ rows: LikelyDuplicateRow[]; total: number }> {
    if (!withAliasKey(subject)) return { rows: [], total: 0 };
    const matching = sameRegion(subject, (await regionSpellings(db, [subject], windowMs)).get(subject.id)!);
    const total = matching.reduce((sum, spelling) => sum + spelling.n, 0);
    if (total === 0) return { rows: [], total };
    const spelled = matching.flatMap((spelling) => (spelling.region === null ? [] : [spelling.region]));
    const t = subject.createdAt.getTime();
    const rows = await db
      .selectFrom('declarations')
      .select(['registration_number', 'names', 'region', 'status', 'created_at', 'duplicate_of'])
      .where('alias_key', '=', subject.aliasKey)
      .where('id', '!=', subject.id)
      .where('created_at', '>=', toDbTime(new Date(t - windowMs)))
      .where('created_at', '<=', toDbTime(new Date(t + windowMs)))
      .where((eb) =>
        eb.or([
          ...(spelled.length > 0 ? [eb('region', 'in', spelled)] : []),
          ...(matching.some((spelling) => spelling.region === null) ? [eb('region', 'is', null)] : []),
        ]),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return {
      total,
      rows: rows.map((row) => ({
        registrationNumber: row.registration_number,
        names: JSON.parse(row.names) as string[],
        region: row.region,
        status: row.status,
        createdAt: fromDbTime(row.created_at),
        isDuplicate: row.duplicate_of !== null,
      })),
    };
  },

  async findTarget(db: Executor, ref: RegistrationNumberRef): Promise<ModerationTarget | null> {
    const row = await db
      .selectFrom('declarations')
      .select(['id', 'registration_number', 'status', 'locale', 'title', 'statement', 'names', 'region', 'headcount', 'duplicate_of', 'featured_on'])
      .where(matchesNumber(ref))
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      registrationNumber: row.registration_number,
      status: row.status,
      locale: row.locale,
      title: row.title,
      statement: row.statement,
      names: JSON.parse(row.names) as string[],
      region: row.region,
      headcount: row.headcount,
      duplicateOf: row.duplicate_of,
      featuredOn: row.featured_on,
    };
  },

  /**
   * Writes a redaction. When the region of a counted declaration changes, its people move
   * to the new region's breakdown in the same transaction, so the statistics by region
   * keep agreeing with the statements.
   */
  async setText(db: Executor, id: number, text: RedactedFields): Promise<void> {
    const set: { title?: string; statement?: string | null; names?: string; alias_key?: string; region?: string | null } = {};
    if (text.title !== undefined) set.title = text.title;
    if (text.statement !== undefined) set.statement = text.statement;
    if (text.names !== undefined) set.names = JSON.stringify(text.names);
    if (text.aliasKey !== undefined) set.alias_key = text.aliasKey;
    if (text.region !== undefined) set.region = text.region;
    if (Object.keys(set).length === 0) return;
    const before =
      text.region === undefined
        ? undefined
        : await db.selectFrom('declarations').select(['status', 'counted_day', 'duplicate_of', 'headcount', 'region']).where('id', '=', id).executeTakeFirst();
    await db.updateTable('declarations').set(set).where('id', '=', id).execute();
    if (before && before.status === 'published' && before.duplicate_of === null && before.counted_day !== null) {
      await countsRepository.moveRegion(db, { countedDay: before.counted_day, headcount: before.headcount, from: before.region, to: text.region ?? null });
    }
  },

  /** Only while no other decision has marked it: a declaration is the duplicate of at most one original. */
  async setDuplicateOf(db: Executor, id: number, originalId: number): Promise<boolean> {
    const result = await db
      .updateTable('declarations')
      .set({ duplicate_of: originalId })
      .where('id', '=', id)
      .where('duplicate_of', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  /**
   * Succeeds only if the declaration is not itself a duplicate. It writes
   * nothing, but on PostgreSQL it locks the row for the rest of the
   * transaction, so two moderators cannot mark A and B as each other's
   * duplicate at the same time.
   */
  async lockAsOriginal(db: Executor, id: number): Promise<boolean> {
    const result = await db
      .updateTable('declarations')
      .set({ duplicate_of: null })
      .where('id', '=', id)
      .where('duplicate_of', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  /** Features a published declaration for a day, or clears the day it was featured on. */
  async setFeaturedOn(db: Executor, id: number, change: { day: string; featured: boolean }): Promise<boolean> {
    const query = change.featured
      ? db.updateTable('declarations').set({ featured_on: change.day }).where('id', '=', id).where('status', '=', 'published')
      : db.updateTable('declarations').set({ featured_on: null }).where('id', '=', id).where('featured_on', '=', change.day);
    const result = await query.executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

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

  async rejectReasons(db: Executor, options: { activeOnly: boolean }): Promise<RejectReasonRecord[]> {
    let query = db.selectFrom('reject_reasons').selectAll().orderBy('id');
    if (options.activeOnly) query = query.where('active', '=', 1);
    return (await query.execute()).map((row) => ({
      id: row.id,
      labels: { 'zh-hans': row.label_zh_hans, 'zh-hant': row.label_zh_hant, en: row.label_en },
      active: row.active === 1,
    }));
  },

  async insertRejectReason(db: Executor, labels: { 'zh-hans': string; 'zh-hant': string; en: string }): Promise<number> {
    const row = await db
      .insertInto('reject_reasons')
      .values({ label_zh_hans: labels['zh-hans'], label_zh_hant: labels['zh-hant'], label_en: labels.en, active: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async setRejectReasonActive(db: Executor, id: number, active: boolean): Promise<boolean> {
    const result = await db.updateTable('reject_reasons').set({ active: active ? 1 : 0 }).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  async findRejectReason(db: Executor, id: number): Promise<RejectReasonRecord | null> {
    const row = await db.selectFrom('reject_reasons').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      labels: { 'zh-hans': row.label_zh_hans, 'zh-hant': row.label_zh_hant, en: row.label_en },
      active: row.active === 1,
    };
  },
};

export type ModerationRepository = typeof moderationRepository;
