import { sql, type Selectable } from 'kysely';
import type { Admission, DeclarationEventKind, DeclarationStatus, DeclarationsTable } from '../db/schema.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import { countingDay } from '../domain/counter/counting-day.ts';
import { organizationsOf, type Organization } from '../domain/declaration/organizations.ts';
import { archiveRepository } from './archive-repository.ts';
import { counterRepository, type CountedDeclaration } from './counter-repository.ts';
import type { RegistrationNumberRef } from '../domain/declaration/registration-number.ts';
import { titleOf } from './declaration-title.ts';
import type { Executor } from './executor.ts';
import { matchesNumber } from './registration-serials-repository.ts';
import { pendingRow, type NewDeclaration } from './submissions-repository.ts';

export interface DeclarationRecord {
  id: number;
  registrationNumber: string;
  passwordHash: string;
  status: DeclarationStatus;
  names: string[];
  headcount: number;
  orgs: Organization[];
  /** Null when the declarant wrote none. */
  title: string | null;
  region: string | null;
  statement: string | null;
  behalf: 'self' | 'family' | 'deceased';
  channel: string;
  createdAt: Date;
  statusChangedAt: Date;
  publishedAt: Date | null;
  rejectReason: string | null;
  /** The managed reason rejectReason came from; null for free text. */
  rejectReasonId: number | null;
  feedback: string | null;
}

function toRecord(row: Selectable<DeclarationsTable>): DeclarationRecord {
  const orgs = organizationsOf(row);
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    passwordHash: row.password_hash,
    status: row.status,
    names: JSON.parse(row.names) as string[],
    headcount: row.headcount,
    orgs,
    title: titleOf(row.title),
    region: row.region,
    statement: row.statement,
    behalf: row.behalf,
    channel: row.channel,
    createdAt: fromDbTime(row.created_at),
    statusChangedAt: fromDbTime(row.status_changed_at),
    publishedAt: row.published_at === null ? null : fromDbTime(row.published_at),
    rejectReason: row.reject_reason,
    rejectReasonId: row.reject_reason_id,
    feedback: row.feedback,
  };
}

export type { NewDeclaration };

/** Who entered a batch's declarations, for which center, and how far they are trusted. */
export interface VolunteerEntry {
  admission: Exclude<Admission, 'public'>;
  centerId: number | null;
  enteredBy: number;
  batchId: number;
}

/** Rows per multi-row INSERT: ~25 parameters a declaration stays within every engine's limit. */
const ROWS_PER_INSERT = 100;

/** All SQL about declarations and their status history. */
/** What the counters need of a counted declaration, as a status change returns it. */
const COUNTED_COLUMNS = ['counted_day', 'headcount', 'party', 'league', 'pioneers', 'region', 'channel', 'center_id'] as const;

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

export const declarationsRepository = {
  /** Returns the new id. Its number was drawn for it alone (services/registration-numbers.ts). */
  async insert(db: Executor, declaration: NewDeclaration): Promise<number> {
    const row = await db.insertInto('declarations').values(pendingRow(declaration)).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  /**
   * Inserts many pending declarations entered by a volunteer (one batch), a few statements for all,
   * and returns their ids in order. Each number was drawn for its declaration alone, so a number
   * finds its row back. Publishing them is a status change like any other (changeStatusMany).
   */
  async insertMany(db: Executor, declarations: readonly NewDeclaration[], entry: VolunteerEntry): Promise<number[]> {
    const entered = { admission: entry.admission, center_id: entry.centerId, entered_by: entry.enteredBy, batch_id: entry.batchId };
    const ids = new Map<string, number>();
    for (let start = 0; start < declarations.length; start += ROWS_PER_INSERT) {
      const rows = declarations.slice(start, start + ROWS_PER_INSERT).map((declaration) => ({ ...pendingRow(declaration), ...entered }));
      for (const row of await db.insertInto('declarations').values(rows).returning(['id', 'registration_number']).execute()) {
        ids.set(row.registration_number, Number(row.id));
      }
    }
    return declarations.map((declaration) => {
      const id = ids.get(declaration.registrationNumber);
      if (id === undefined) throw new Error(`declaration ${declaration.registrationNumber} was not inserted`);
      return id;
    });
  },

  async anyExists(db: Executor): Promise<boolean> {
    return (await db.selectFrom('declarations').select('id').limit(1).executeTakeFirst()) !== undefined;
  },

  /** Whether any contact detail is sealed under the contact key. */
  async anyContact(db: Executor): Promise<boolean> {
    return (
      (await db.selectFrom('declarations').select('id').where('contact_sealed', 'is not', null).limit(1).executeTakeFirst()) !== undefined
    );
  },

  /** Goes up with every change to a published declaration, made by any process (migration 0009). */
  async publicPagesVersion(db: Executor): Promise<number> {
    const row = await db.selectFrom('public_pages_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
    return Number(row.version);
  },

  async findByRegistrationNumber(db: Executor, ref: RegistrationNumberRef): Promise<DeclarationRecord | null> {
    const row = await db.selectFrom('declarations').selectAll().where(matchesNumber(ref)).executeTakeFirst();
    return row ? toRecord(row) : null;
  },

  /** A declaration's contact as sealed (null when it left none); null when there is no such declaration. */
  async findSealedContact(db: Executor, ref: RegistrationNumberRef): Promise<{ sealed: string | null } | null> {
    const row = await db.selectFrom('declarations').select('contact_sealed').where(matchesNumber(ref)).executeTakeFirst();
    return row ? { sealed: row.contact_sealed } : null;
  },

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
    return moved;
  },

  /** appendEvent for many, in a few statements. */
  async appendEvents(
    db: Executor,
    events: readonly { declarationId: number; kind: DeclarationEventKind; actor: string; reason?: string | null; at: Date }[],
  ): Promise<void> {
    for (let start = 0; start < events.length; start += ROWS_PER_INSERT * 5) {
      await db
        .insertInto('declaration_events')
        .values(
          events.slice(start, start + ROWS_PER_INSERT * 5).map((event) => ({
            declaration_id: event.declarationId,
            kind: event.kind,
            actor: event.actor,
            reason: event.reason ?? null,
            created_at: toDbTime(event.at),
          })),
        )
        .execute();
    }
  },

  async appendEvent(
    db: Executor,
    event: { declarationId: number; kind: DeclarationEventKind; actor: string; reason?: string | null; at: Date },
  ): Promise<void> {
    await declarationsRepository.appendEvents(db, [event]);
  },

  async listEvents(db: Executor, declarationId: number) {
    const rows = await db
      .selectFrom('declaration_events')
      .select(['kind', 'actor', 'reason', 'created_at'])
      .where('declaration_id', '=', declarationId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ kind: row.kind, actor: row.actor, reason: row.reason, at: fromDbTime(row.created_at) }));
  },
};

export type DeclarationsRepository = typeof declarationsRepository;
