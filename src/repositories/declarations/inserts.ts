import { CompiledQuery } from 'kysely';
import type { Admission } from '../../db/schema.ts';
import { toDbTime } from '../../db/time.ts';
import type { Organization } from '../../domain/declaration/organizations.ts';
import { storedTitle } from '../declaration-title.ts';
import { reusableSql, type Executor } from '../executor.ts';
import { submissionReceiptsRepository, type HeldReceipt } from '../submission-receipts-repository.ts';

/**
 * Every INSERT of declarations. Nothing here loads the search index or script conversion that
 * status changes need: the intake writer thread imports this part of the repository alone.
 */

export interface NewDeclaration {
  registrationNumber: string;
  /** The serial the number encodes (services/registration-numbers.ts). */
  registrationSerial: number;
  passwordHash: string;
  names: readonly string[];
  headcount: number;
  orgs: readonly Organization[];
  /** Null when the declarant wrote none: a default is shown in each reader's language. */
  title: string | null;
  region: string | null;
  statement: string | null;
  behalf: 'self' | 'family' | 'deceased';
  consent: boolean;
  contactSealed: string | null;
  channel: string;
  locale: string;
  createdAt: Date;
  /** First name folded for duplicate warnings (see domain/declaration/alias-key.ts). */
  aliasKey: string | null;
  /**
   * The key near-identical statements share (domain/declaration/text-key.ts), made with aliasKey where
   * the declaration is made: folding needs the script conversion, which the writer thread does not load.
   */
  textKey?: string | null;
  /** The receipt held for a repeat of this submission or for its receipt page, written with it. */
  held?: HeldReceipt | null;
  /** A public submission's class: with a proof of work ('public', the default) or without ('unproven'). */
  admission?: PublicAdmission;
}

/** The classes a public submission enters in (docs/security.md, "Flooding"). */
export type PublicAdmission = Extract<Admission, 'public' | 'unproven'>;

/** What became of one submission of a batch: its new id, null if its serial was taken, or a repeat of an earlier one. */
export type WriteOutcome = number | null | 'repeated';

/** Rows per multi-row INSERT: ~25 parameters a declaration stays within every engine's limit. */
export const ROWS_PER_INSERT = 100;

/** Who entered a batch's declarations, for which center, and how far they are trusted. */
export interface VolunteerEntry {
  admission: Exclude<Admission, PublicAdmission | 'imported'>;
  centerId: number | null;
  enteredBy: number;
  batchId: number;
}

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

// A batch of submissions is inserted this many rows per statement: few statements, few distinct SQL texts to cache.
const ROWS_PER_STATEMENT = 32;

/** The row of a new submission, pending until a moderator decides (every row has the same keys, in the same order). */
export function pendingRow(declaration: NewDeclaration) {
  const createdAt = toDbTime(declaration.createdAt);
  return {
    registration_number: declaration.registrationNumber,
    registration_serial: declaration.registrationSerial,
    password_hash: declaration.passwordHash,
    status: 'pending' as const,
    names: JSON.stringify(declaration.names),
    name_count: declaration.names.length,
    headcount: declaration.headcount,
    party: flag(declaration.orgs.includes('party')),
    league: flag(declaration.orgs.includes('league')),
    pioneers: flag(declaration.orgs.includes('pioneers')),
    title: storedTitle(declaration.title),
    region: declaration.region,
    statement: declaration.statement,
    behalf: declaration.behalf,
    consent: flag(declaration.consent),
    contact_sealed: declaration.contactSealed,
    channel: declaration.channel,
    locale: declaration.locale,
    created_at: createdAt,
    status_changed_at: createdAt,
    alias_key: declaration.aliasKey,
    admission: declaration.admission ?? ('public' as const),
    // Every insert of a submission or a batch comes through here (migration 0032).
    text_key: declaration.textKey ?? null,
  };
}

/**
 * A row is matched back to its submission by number and password hash: two submissions of one batch
 * that drew the same number must not both believe the one row inserted is theirs.
 */
const submissionKey = (registrationNumber: string, passwordHash: string) => `${registrationNumber}|${passwordHash}`;

export const declarationInserts = {
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

  /**
   * Inserts a batch of public submissions as pending, each with its
   * "submitted" event, in two statements. Returns each one's new id in order,
   * null where its registration serial was already taken, or 'repeated' where
   * its token is held already: that submission was filed before, and is not again.
   * Held receipts go in first, in the same transaction, so a repeat costs no
   * extra round trip; the expired ones go out.
   */
  async insertSubmitted(db: Executor, submitted: readonly NewDeclaration[]): Promise<WriteOutcome[]> {
    const held = submitted.flatMap((declaration) => (declaration.held ? [declaration.held] : []));
    let heldNow = new Set<string>();
    if (held.length > 0) {
      await submissionReceiptsRepository.purgeExpired(db, new Date(Math.max(...submitted.map((d) => d.createdAt.getTime()))));
      heldNow = await submissionReceiptsRepository.insertMany(db, held);
    }
    const isRepeat = (declaration: NewDeclaration) =>
      !!declaration.held && declaration.held.tokenHash !== null && !heldNow.has(declaration.held.id);
    const declarations = submitted.filter((declaration) => !isRepeat(declaration));
    const ids = new Map<string, number>();
    for (let start = 0; start < declarations.length; start += ROWS_PER_STATEMENT) {
      const rows = declarations.slice(start, start + ROWS_PER_STATEMENT).map(pendingRow);
      const sql = reusableSql(db, `declarations.insertSubmitted:${rows.length}`, () =>
        db
          .insertInto('declarations')
          .values(rows)
          .onConflict((conflict) => conflict.column('registration_serial').doNothing())
          .returning(['id', 'registration_number', 'password_hash'])
          .compile(),
      );
      const inserted = await db.executeQuery<{ id: number; registration_number: string; password_hash: string }>(
        CompiledQuery.raw(sql, rows.flatMap(Object.values)),
      );
      for (const row of inserted.rows) ids.set(submissionKey(row.registration_number, row.password_hash), Number(row.id));
    }
    const events = declarations.flatMap((declaration) => {
      const id = ids.get(submissionKey(declaration.registrationNumber, declaration.passwordHash));
      return id === undefined
        ? []
        : [
            {
              declaration_id: id,
              kind: 'submitted' as const,
              actor: 'declarant',
              reason: null,
              created_at: toDbTime(declaration.createdAt),
            },
          ];
    });
    for (let start = 0; start < events.length; start += ROWS_PER_STATEMENT) {
      const rows = events.slice(start, start + ROWS_PER_STATEMENT);
      const sql = reusableSql(db, `declarations.insertSubmittedEvents:${rows.length}`, () =>
        db.insertInto('declaration_events').values(rows).compile(),
      );
      await db.executeQuery(CompiledQuery.raw(sql, rows.flatMap(Object.values)));
    }
    const idOf = (declaration: NewDeclaration) => ids.get(submissionKey(declaration.registrationNumber, declaration.passwordHash)) ?? null;
    // A receipt held for a declaration that drew a taken serial holds nothing: it is drawn again.
    await submissionReceiptsRepository.remove(
      db,
      declarations.flatMap((declaration) =>
        declaration.held && heldNow.has(declaration.held.id) && idOf(declaration) === null ? [declaration.held.id] : [],
      ),
    );
    return submitted.map((declaration) => (isRepeat(declaration) ? 'repeated' : idOf(declaration)));
  },

  /**
   * PostgreSQL only: a batch of public submissions that hold no receipt (API submissions without an
   * Idempotency-Key), each with its "submitted" event, in ONE statement outside any transaction, so one
   * round trip and one commit carry the whole batch (data-modifying CTEs, which SQLite lacks). The rows
   * travel as one JSON parameter read by json_to_recordset: the statement's text is the same for every
   * batch size, so PostgreSQL parses and plans a few hundred bytes rather than an INSERT of 22
   * parameters a row, and the driver sends one value rather than converting each (docs/performance.md,
   * "PostgreSQL intake, 7 December 2026"). Returns each one's new id in order, null where its serial was taken.
   */
  async insertSubmittedAtOnce(db: Executor, declarations: readonly NewDeclaration[]): Promise<WriteOutcome[]> {
    if (declarations.some((declaration) => declaration.held)) throw new Error('a submission that holds a receipt needs insertSubmitted');
    const inserted = await db.executeQuery<{ id: number; registration_number: string; password_hash: string }>(
      CompiledQuery.raw(AT_ONCE_SQL, [JSON.stringify(declarations.map(pendingRow))]),
    );
    const ids = new Map(inserted.rows.map((row) => [submissionKey(row.registration_number, row.password_hash), Number(row.id)]));
    return declarations.map((declaration) => ids.get(submissionKey(declaration.registrationNumber, declaration.passwordHash)) ?? null);
  },
};

/** Every column of a pending row and its PostgreSQL type, as json_to_recordset reads it (the compiler keeps it complete). */
const PENDING_COLUMN_TYPES: Record<keyof ReturnType<typeof pendingRow>, string> = {
  registration_number: 'text',
  registration_serial: 'bigint',
  password_hash: 'text',
  status: 'text',
  names: 'text',
  name_count: 'integer',
  headcount: 'integer',
  party: 'integer',
  league: 'integer',
  pioneers: 'integer',
  title: 'text',
  region: 'text',
  statement: 'text',
  behalf: 'text',
  consent: 'integer',
  contact_sealed: 'text',
  channel: 'text',
  locale: 'text',
  created_at: 'timestamptz',
  status_changed_at: 'timestamptz',
  alias_key: 'text',
  admission: 'text',
  text_key: 'text',
};
const PENDING_COLUMNS = Object.keys(PENDING_COLUMN_TYPES).join(', ');

// Rows inserted in the order given (ids ascending, as the multi-row VALUES gave them); a taken serial is skipped.
const AT_ONCE_SQL = `with inserted as (
  insert into declarations (${PENDING_COLUMNS})
  select ${PENDING_COLUMNS} from json_to_recordset($1::json) as submitted(${Object.entries(PENDING_COLUMN_TYPES)
    .map(([column, type]) => `${column} ${type}`)
    .join(', ')})
  on conflict (registration_serial) do nothing
  returning id, registration_number, password_hash, created_at
), events as (
  insert into declaration_events (declaration_id, kind, actor, reason, created_at)
  select id, 'submitted', 'declarant', null, created_at from inserted
)
select id, registration_number, password_hash from inserted`;
