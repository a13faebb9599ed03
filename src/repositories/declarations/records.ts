import type { Selectable } from 'kysely';
import type { DeclarationEventKind, DeclarationStatus, DeclarationsTable } from '../../db/schema.ts';
import { fromDbTime, toDbTime } from '../../db/time.ts';
import { organizationsOf, type Organization } from '../../domain/declaration/organizations.ts';
import type { RegistrationNumberRef } from '../../domain/declaration/registration-number.ts';
import { titleOf } from '../declaration-title.ts';
import type { Executor } from '../executor.ts';
import { matchesNumber } from '../registration-serials-repository.ts';
import { readPublicPagesVersion } from '../public-pages-version.ts';
import { ROWS_PER_INSERT } from './inserts.ts';

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

/** Reads of declarations, and their history of events (declaration_events, written with each change). */
export const declarationRecords = {
  async anyExists(db: Executor): Promise<boolean> {
    return (await db.selectFrom('declarations').select('id').limit(1).executeTakeFirst()) !== undefined;
  },

  /** Whether any contact detail is sealed under the contact key. */
  async anyContact(db: Executor): Promise<boolean> {
    return (
      (await db.selectFrom('declarations').select('id').where('contact_sealed', 'is not', null).limit(1).executeTakeFirst()) !== undefined
    );
  },

  publicPagesVersion: readPublicPagesVersion,

  async findByRegistrationNumber(db: Executor, ref: RegistrationNumberRef): Promise<DeclarationRecord | null> {
    const row = await db.selectFrom('declarations').selectAll().where(matchesNumber(ref)).executeTakeFirst();
    return row ? toRecord(row) : null;
  },

  /** A declaration's contact as sealed (null when it left none); null when there is no such declaration. */
  async findSealedContact(db: Executor, ref: RegistrationNumberRef): Promise<{ sealed: string | null } | null> {
    const row = await db.selectFrom('declarations').select('contact_sealed').where(matchesNumber(ref)).executeTakeFirst();
    return row ? { sealed: row.contact_sealed } : null;
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
    await declarationRecords.appendEvents(db, [event]);
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
