import { sql, type AliasedExpression, type ExpressionBuilder } from 'kysely';
import type { Database, DeclarationStatus } from '../../db/schema.ts';
import { fromDbTime, toDbTime } from '../../db/time.ts';
import { regionMatchKey } from '../../domain/declaration/alias-key.ts';
import type { Executor } from '../executor.ts';

interface SignalSubject {
  id: number;
  aliasKey: string | null;
  region: string | null;
  statement: string | null;
  /** The key near-identical statements share (domain/declaration/text-key.ts). */
  textKey: string | null;
  createdAt: Date;
}

interface SignalWindows {
  /** Half-width of the window for likely duplicates (same alias key and region). */
  duplicateMs: number;
  /** Half-width of the window for bursts (same alias key, or the same statement). */
  burstMs: number;
  /** Half-width of the window for near-identical statements (the same text key). */
  textMs: number;
}

export interface Signals {
  /** Other declarations with the same alias key and region (folded, regionMatchKey) in the duplicate window. */
  likelyDuplicates: number;
  /** Other declarations with the same alias key or statement in the burst window (this one not counted). */
  burstOthers: number;
  /** Other declarations whose statement has the same text key in the text window (this one not counted). */
  sameTextOthers: number;
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

/** The duplicate and burst signals editors see beside each declaration. */
export const signalQueries = {
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
      result.set(subject.id, { likelyDuplicates, burstOthers: 0, sameTextOthers: 0 });
      const t = subject.createdAt.getTime();
      const textKey = subject.textKey;
      if (textKey !== null) {
        // Read from declarations_text_key (migration 0032): the rows of one key in the window, never the window's rows.
        const key = `t${columns.length}`;
        columns.push({ key, id: subject.id, kind: 'sameTextOthers' });
        selections.push((eb) =>
          eb
            .selectFrom('declarations')
            .select((inner) => inner.fn.countAll().as('n'))
            .where('text_key', '=', textKey)
            .where('created_at', '>=', toDbTime(new Date(t - windows.textMs)))
            .where('created_at', '<=', toDbTime(new Date(t + windows.textMs)))
            .where('id', '!=', subject.id)
            .as(key),
        );
      }
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
    const row = (await db.selectNoFrom((eb) => selections.map((select) => select(eb))).executeTakeFirstOrThrow()) as Record<
      string,
      unknown
    >;
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
};
