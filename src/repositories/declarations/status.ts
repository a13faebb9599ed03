import { sql, type Selectable } from 'kysely';
import type { DeclarationStatus, DeclarationsTable } from '../../db/schema.ts';
import { toDbTime } from '../../db/time.ts';
import { countingDay } from '../../domain/counter/counting-day.ts';
import { archiveRepository } from '../archive-repository.ts';
import { counterRepository, type CountedDeclaration } from '../counter-repository.ts';
import type { Executor } from '../executor.ts';
import { enqueueLogChanges } from '../log/log-queue.ts';
import { ROWS_PER_INSERT } from './inserts.ts';

/** What the counters need of a counted declaration, as a status change returns it. */
const COUNTED_COLUMNS = ['counted_day', 'headcount', 'party', 'league', 'pioneers', 'region', 'channel', 'center_id', 'admission'] as const;

function toCounted(
  row: Pick<Selectable<DeclarationsTable>, (typeof COUNTED_COLUMNS)[number]> & { counted_day: string },
): CountedDeclaration {
  return {
    countedDay: row.counted_day,
    headcount: row.headcount,
    party: row.party,
    league: row.league,
    pioneers: row.pioneers,
    region: row.region,
    channel: row.channel,
    centerId: row.center_id,
    admission: row.admission,
  };
}

/** A managed reason in each language, and the one for a row whose language is none of them. */
export interface LocalizedReason {
  byLocale: Readonly<Record<string, string>>;
  otherwise: string;
}

function reasonValue(reason: string | null | LocalizedReason) {
  if (reason === null || typeof reason === 'string') return reason;
  const cases = Object.entries(reason.byLocale).map(([locale, text]) => sql<string>`when ${sql.ref('locale')} = ${locale} then ${text}`);
  return sql<string>`case ${sql.join(cases, sql` `)} else ${reason.otherwise} end`;
}

/**
 * The only writes of a declaration's status: each a conditional UPDATE from the states it may leave,
 * with the counters and the search index changed in the same transaction.
 */
export const statusChanges = {
  /**
   * Moves one declaration between states only if it is still in one of
   * `from`: two processes acting at once cannot both succeed. A move into or
   * out of 'published' changes the counters in the same transaction.
   */
  async changeStatus(
    db: Executor,
    change: {
      id: number;
      from: readonly DeclarationStatus[];
      to: DeclarationStatus;
      at: Date;
      /** The counting time zone: a publication counts on its day there. */
      timeZone: string;
      rejectReason?: string | null;
      /** Set whenever rejectReason is: the managed reason's id, or null for free text. */
      rejectReasonId?: number | null;
      feedback?: string | null;
    },
  ): Promise<boolean> {
    const at = toDbTime(change.at);
    // Leaving 'published' is tried first, so the counters know whether a count leaves too.
    const order = [...change.from].sort((a, b) => Number(b === 'published') - Number(a === 'published'));
    for (const from of order) {
      const row = await db
        .updateTable('declarations')
        .set({
          status: change.to,
          status_changed_at: at,
          ...(change.to === 'published' ? { published_at: at, counted_day: countingDay(change.at, change.timeZone) } : {}),
          ...(change.rejectReason !== undefined
            ? { reject_reason: change.rejectReason, reject_reason_id: change.rejectReasonId ?? null }
            : {}),
          ...(change.feedback !== undefined ? { feedback: change.feedback } : {}),
        })
        .where('id', '=', change.id)
        .where('status', '=', from)
        .returning([...COUNTED_COLUMNS, 'duplicate_of'])
        .executeTakeFirst();
      if (!row) continue;
      const sign = Number(change.to === 'published') - Number(from === 'published');
      // Search follows publication: indexed when published, removed when it leaves.
      if (sign > 0) await archiveRepository.indexForSearch(db, change.id);
      else if (sign < 0) await archiveRepository.unindex(db, change.id);
      if (sign !== 0 && row.counted_day !== null && row.duplicate_of === null) {
        await counterRepository.apply(db, toCounted({ ...row, counted_day: row.counted_day }), sign as 1 | -1, change.at);
      }
      // The transparency log follows the published count (docs/transparency.md).
      if (sign !== 0) await enqueueLogChanges(db, [change.id]);
      return true;
    }
    return false;
  },

  /**
   * changeStatus for many declarations in one state, moved together (a batch published on entry): one
   * UPDATE per few hundred, their search entries and counters written in bulk. Returns the ids moved;
   * any other was no longer in `from`.
   */
  async changeStatusMany(
    db: Executor,
    change: {
      ids: readonly number[];
      from: DeclarationStatus;
      to: DeclarationStatus;
      at: Date;
      timeZone: string;
      /** As for changeStatus; a managed reason is stored in each declarant's language (the row's locale). */
      rejectReason?: string | null | LocalizedReason;
      rejectReasonId?: number | null;
      feedback?: string | null;
    },
  ): Promise<number[]> {
    const at = toDbTime(change.at);
    const moved: number[] = [];
    const counted: CountedDeclaration[] = [];
    for (let start = 0; start < change.ids.length; start += ROWS_PER_INSERT * 5) {
      const rows = await db
        .updateTable('declarations')
        .set({
          status: change.to,
          status_changed_at: at,
          ...(change.to === 'published' ? { published_at: at, counted_day: countingDay(change.at, change.timeZone) } : {}),
          ...(change.rejectReason !== undefined
            ? { reject_reason: reasonValue(change.rejectReason), reject_reason_id: change.rejectReasonId ?? null }
            : {}),
          ...(change.feedback !== undefined ? { feedback: change.feedback } : {}),
        })
        .where('id', 'in', change.ids.slice(start, start + ROWS_PER_INSERT * 5))
        .where('status', '=', change.from)
        .returning(['id', ...COUNTED_COLUMNS, 'duplicate_of'])
        .execute();
      for (const row of rows) {
        moved.push(Number(row.id));
        if (row.counted_day === null || row.duplicate_of !== null) continue;
        counted.push(toCounted({ ...row, counted_day: row.counted_day }));
      }
    }
    const sign = Number(change.to === 'published') - Number(change.from === 'published');
    if (sign > 0) await archiveRepository.indexManyForSearch(db, moved);
    else if (sign < 0) for (const id of moved) await archiveRepository.unindex(db, id);
    if (sign !== 0) await counterRepository.applyMany(db, counted, sign as 1 | -1, change.at);
    if (sign !== 0) await enqueueLogChanges(db, moved);
    return moved;
  },
};
