import type { Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import type { CertificateDisclosure, CertificateStatus } from '../domain/certificates/certificate.ts';
import type { DeclarationStatus } from '../domain/declaration/status.ts';
import { organizationsOf, type Organization } from '../domain/declaration/organizations.ts';
import type { Executor } from './executor.ts';

type CertificateRow = Selectable<Database['certificates']>;

export interface CertificateRecord {
  id: number;
  declarationId: number;
  number: string;
  name: string;
  locale: string;
  disclosure: CertificateDisclosure;
  status: CertificateStatus;
  requestedAt: Date;
  decidedAt: Date | null;
  issuedOn: string | null;
  signedNote: string | null;
}

/** A certificate with what its declaration says now: whether it is still published, and its organisations. */
export interface CertificateWithDeclaration extends CertificateRecord {
  declarationStatus: DeclarationStatus;
  registrationNumber: string;
  orgs: Organization[];
}

function toRecord(row: CertificateRow): CertificateRecord {
  return {
    id: row.id,
    declarationId: row.declaration_id,
    number: row.number,
    name: row.name,
    locale: row.locale,
    disclosure: row.disclosure,
    status: row.status,
    requestedAt: fromDbTime(row.requested_at),
    decidedAt: row.decided_at === null ? null : fromDbTime(row.decided_at),
    issuedOn: row.issued_on,
    signedNote: row.signed_note,
  };
}

function joined(ex: Executor) {
  return ex
    .selectFrom('certificates')
    .innerJoin('declarations', 'declarations.id', 'certificates.declaration_id')
    .selectAll('certificates')
    .select([
      'declarations.status as declaration_status',
      'declarations.registration_number',
      'declarations.party',
      'declarations.league',
      'declarations.pioneers',
    ]);
}

type JoinedRow = CertificateRow & {
  declaration_status: DeclarationStatus;
  registration_number: string;
  party: number;
  league: number;
  pioneers: number;
};

function toJoined(row: JoinedRow): CertificateWithDeclaration {
  return {
    ...toRecord(row),
    declarationStatus: row.declaration_status,
    registrationNumber: row.registration_number,
    orgs: organizationsOf(row),
  };
}

/** Certificates (docs/certificates.md). Decisions are conditional updates: two editors cannot both decide one. */
export const certificatesRepository = {
  async insert(
    ex: Executor,
    row: { declarationId: number; number: string; name: string; locale: string; disclosure: CertificateDisclosure; at: Date },
  ): Promise<number> {
    const inserted = await ex
      .insertInto('certificates')
      .values({
        declaration_id: row.declarationId,
        number: row.number,
        name: row.name,
        locale: row.locale,
        disclosure: row.disclosure,
        status: 'requested',
        requested_at: toDbTime(row.at),
        decided_at: null,
        decided_by: null,
        issued_on: null,
        signed_note: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  },

  async numberExists(ex: Executor, number: string): Promise<boolean> {
    return (await ex.selectFrom('certificates').select('id').where('number', '=', number).executeTakeFirst()) !== undefined;
  },

  /** The newest request or certificate of a declaration, refused ones included. */
  async latestForDeclaration(ex: Executor, declarationId: number): Promise<CertificateRecord | null> {
    const row = await ex
      .selectFrom('certificates')
      .selectAll()
      .where('declaration_id', '=', declarationId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  },

  async findByNumber(ex: Executor, number: string): Promise<CertificateWithDeclaration | null> {
    const row = await joined(ex).where('certificates.number', '=', number).executeTakeFirst();
    return row ? toJoined(row) : null;
  },

  async findById(ex: Executor, id: number): Promise<CertificateWithDeclaration | null> {
    const row = await joined(ex).where('certificates.id', '=', id).executeTakeFirst();
    return row ? toJoined(row) : null;
  },

  /** Requests waiting for an editor, oldest first (keyset by id). */
  async waiting(ex: Executor, options: { after?: number | undefined; limit: number }): Promise<CertificateWithDeclaration[]> {
    let query = joined(ex).where('certificates.status', '=', 'requested');
    if (options.after !== undefined) query = query.where('certificates.id', '>', options.after);
    const rows = await query.orderBy('certificates.id', 'asc').limit(options.limit).execute();
    return rows.map(toJoined);
  },

  /** Moves a certificate on from one of `from`; false when it had already moved. */
  async decide(
    ex: Executor,
    change: {
      id: number;
      from: readonly CertificateStatus[];
      to: CertificateStatus;
      at: Date;
      by: number | null;
      issuedOn: string | null;
      signedNote: string | null;
    },
  ): Promise<boolean> {
    const result = await ex
      .updateTable('certificates')
      .set({
        status: change.to,
        decided_at: toDbTime(change.at),
        decided_by: change.by,
        issued_on: change.issuedOn,
        signed_note: change.signedNote,
      })
      .where('id', '=', change.id)
      .where('status', 'in', [...change.from])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};

export type CertificatesRepository = typeof certificatesRepository;
