import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  CERTIFICATE_STATUS_AFTER,
  CERTIFICATE_TRANSITIONS,
  certificateText,
  newCertificateNumber,
  normalizeCertificateNumber,
  type CertificateDecision,
  type CertificateDisclosure,
  type CertificateFacts,
} from '../../domain/certificates/certificate.ts';
import { countingDay } from '../../domain/counter/counting-day.ts';
import type { Organization } from '../../domain/declaration/organizations.ts';
import { queryPasswordMatches } from '../../domain/declaration/query-password.ts';
import { normalizeRegistrationNumber } from '../../domain/declaration/registration-number.ts';
import { legacyQueryPassword } from '../../domain/history/legacy-post.ts';
import { signNote, type NoteSigner } from '../../domain/log/note.ts';
import { can, isSystemActor, Permission, type Actor } from '../../domain/staff/permissions.ts';
import type { Locale } from '../../i18n/index.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { CertificateRecord, CertificatesRepository, CertificateWithDeclaration } from '../../repositories/certificates-repository.ts';
import type { DeclarationsRepository } from '../../repositories/declarations/index.ts';
import type { RegistrationNumbers } from '../registration-numbers.ts';
import { fail, ok, type Result } from '../result.ts';
import { staffLabel } from '../staff-auth-service.ts';

const QUEUE_PAGE_SIZE = 50;
const MAX_BULK = 200;
const MAX_NUMBER_ATTEMPTS = 8;

/** What the receipt shows about certificates: the names one may be issued in, and the latest request. */
export interface CertificateStanding {
  registrationNumber: string;
  published: boolean;
  names: string[];
  /** The newest request or certificate; revoked when its declaration is no longer published. */
  latest: (Pick<CertificateRecord, 'number' | 'status' | 'name' | 'disclosure' | 'issuedOn' | 'requestedAt'> & { revoked: boolean }) | null;
}

/** A certificate to print: what it says, its signed note, and whether it still stands. */
export interface CertificateDocument extends CertificateFacts {
  signedNote: string;
  locale: string;
  revoked: boolean;
}

/** What the public verification page may say; the name only if the holder chose to show it. */
export type CertificateCheck =
  | { state: 'unknown' }
  | { state: 'revoked'; issuedOn: string }
  | { state: 'valid'; issuedOn: string; name: string | null; orgs: Organization[] | null };

export interface CertificateRequest {
  name: string;
  disclosure: CertificateDisclosure;
  /** The declarant confirms the name is their own: certificates are for those who quit under their real name. */
  realName: boolean;
  locale: Locale;
}

export interface CertificateServiceDeps {
  db: Kysely<Database>;
  certificates: CertificatesRepository;
  declarations: Pick<DeclarationsRepository, 'findByRegistrationNumber'>;
  numbers: Pick<RegistrationNumbers, 'ref'>;
  audit: AuditRepository;
  receiptKey: Buffer;
  /** The transparency log's key (and, during a rotation, the next one): certificates are signed notes of the same family. */
  signers: readonly [NoteSigner, ...NoteSigner[]];
  timeZone: string;
  now?: () => Date;
}

const isRevoked = (certificate: Pick<CertificateWithDeclaration, 'declarationStatus'>) => certificate.declarationStatus !== 'published';

export function createCertificateService({
  db,
  certificates,
  declarations,
  numbers,
  audit,
  receiptKey,
  signers,
  timeZone,
  now = () => new Date(),
}: CertificateServiceDeps) {
  /** Same answer for an unknown number and a wrong password, as the receipt lookup gives. */
  async function findByReceipt(numberInput: string, passwordInput: string) {
    const registrationNumber = normalizeRegistrationNumber(numberInput);
    const password = legacyQueryPassword(passwordInput);
    if (!registrationNumber || !password) return null;
    const record = await declarations.findByRegistrationNumber(db, numbers.ref(registrationNumber));
    if (!record || !queryPasswordMatches(receiptKey, registrationNumber, password, record.passwordHash)) return null;
    return record;
  }

  async function standing(numberInput: string, passwordInput: string): Promise<Result<CertificateStanding>> {
    const record = await findByReceipt(numberInput, passwordInput);
    if (!record) return fail('receipt.invalid');
    const latest = await certificates.latestForDeclaration(db, record.id);
    return ok({
      registrationNumber: record.registrationNumber,
      published: record.status === 'published',
      names: record.names,
      latest: latest && {
        number: latest.number,
        status: latest.status,
        name: latest.name,
        disclosure: latest.disclosure,
        issuedOn: latest.issuedOn,
        requestedAt: latest.requestedAt,
        revoked: latest.status === 'issued' && record.status !== 'published',
      },
    });
  }

  async function freshNumber(): Promise<string> {
    for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt++) {
      const number = newCertificateNumber();
      if (!(await certificates.numberExists(db, number))) return number;
    }
    throw new Error('could not draw a free certificate number');
  }

  return {
    standing,

    /** A request through the receipt: for a published declaration, in one of its names, once at a time. */
    async request(numberInput: string, passwordInput: string, input: CertificateRequest): Promise<Result<CertificateStanding>> {
      const record = await findByReceipt(numberInput, passwordInput);
      if (!record) return fail('receipt.invalid');
      if (record.status !== 'published') return fail('certificate.notPublished');
      if (!record.names.includes(input.name)) return fail('certificate.nameInvalid');
      if (!input.realName) return fail('certificate.realNameRequired');
      const latest = await certificates.latestForDeclaration(db, record.id);
      if (latest && latest.status !== 'refused') return fail('certificate.alreadyRequested');
      const number = await freshNumber();
      const at = now();
      await certificates.insert(db, {
        declarationId: record.id,
        number,
        name: input.name,
        locale: input.locale,
        disclosure: input.disclosure,
        at,
      });
      return standing(numberInput, passwordInput);
    },

    /** The certificate itself, for its holder (receipt number and password): what the print page shows. */
    async document(numberInput: string, passwordInput: string): Promise<Result<CertificateDocument>> {
      const record = await findByReceipt(numberInput, passwordInput);
      if (!record) return fail('receipt.invalid');
      const latest = await certificates.latestForDeclaration(db, record.id);
      if (latest?.status !== 'issued' || !latest.signedNote || !latest.issuedOn) return fail('certificate.notIssued');
      const full = await certificates.findById(db, latest.id);
      return ok({
        number: latest.number,
        name: latest.name,
        orgs: full!.orgs,
        issuedOn: latest.issuedOn,
        signedNote: latest.signedNote,
        locale: latest.locale,
        revoked: isRevoked(full!),
      });
    },

    /** Requests waiting for an editor, oldest first. */
    async queue(actor: Actor, after?: number): Promise<Result<{ items: CertificateWithDeclaration[]; nextAfter: number | null }>> {
      if (!can(actor, Permission.ModerationRead)) return fail('auth.forbidden');
      const rows = await certificates.waiting(db, { after, limit: QUEUE_PAGE_SIZE + 1 });
      const items = rows.slice(0, QUEUE_PAGE_SIZE);
      return ok({ items, nextAfter: rows.length > QUEUE_PAGE_SIZE ? items.at(-1)!.id : null });
    },

    /**
     * Issues or refuses requests in bulk. An issue signs the certificate's text with the registry's key
     * in the transaction of the change; a request whose declaration is no longer published is skipped.
     */
    async decide(
      actor: Actor,
      ids: readonly number[],
      decision: CertificateDecision,
    ): Promise<Result<{ done: number[]; skipped: number[] }>> {
      if (!can(actor, Permission.CertificatesIssue)) return fail('auth.forbidden');
      if (!(decision in CERTIFICATE_TRANSITIONS)) return fail('request.invalid');
      if (ids.length === 0 || ids.length > MAX_BULK) return fail('request.invalid');
      const at = now();
      const issuedOn = countingDay(at, timeZone);
      const label = staffLabel(actor);
      return db.transaction().execute(async (trx) => {
        const done: number[] = [];
        const skipped: number[] = [];
        for (const id of [...new Set(ids)].sort((a, b) => a - b)) {
          const certificate = await certificates.findById(trx, id);
          if (!certificate || (decision === 'issue' && isRevoked(certificate))) {
            skipped.push(id);
            continue;
          }
          const text = certificateText({ number: certificate.number, name: certificate.name, orgs: certificate.orgs, issuedOn });
          const moved = await certificates.decide(trx, {
            id,
            from: CERTIFICATE_TRANSITIONS[decision],
            to: CERTIFICATE_STATUS_AFTER[decision],
            at,
            by: isSystemActor(actor) ? null : actor.id,
            issuedOn: decision === 'issue' ? issuedOn : null,
            signedNote: decision === 'issue' ? signNote(text, ...signers) : null,
          });
          (moved ? done : skipped).push(id);
        }
        // The audit chain's lock is taken after every row lock, as the other bulk decisions do.
        for (const id of done) {
          await audit.append(trx, {
            at,
            actorId: isSystemActor(actor) ? null : actor.id,
            actor: label,
            action: decision === 'issue' ? 'certificate.issued' : 'certificate.refused',
            targetType: 'certificate',
            targetId: String(id),
            details: {},
          });
        }
        return { ok: true as const, value: { done, skipped } };
      });
    },

    /** The public check of a number: valid (with the name only if its holder chose so), revoked, or unknown. */
    async verify(numberInput: string): Promise<CertificateCheck> {
      const number = normalizeCertificateNumber(numberInput);
      const certificate = number ? await certificates.findByNumber(db, number) : null;
      if (certificate?.status !== 'issued' || !certificate.issuedOn) return { state: 'unknown' };
      if (isRevoked(certificate)) return { state: 'revoked', issuedOn: certificate.issuedOn };
      const shown = certificate.disclosure === 'name';
      return {
        state: 'valid',
        issuedOn: certificate.issuedOn,
        name: shown ? certificate.name : null,
        orgs: shown ? certificate.orgs : null,
      };
    },
  };
}

export type CertificateService = ReturnType<typeof createCertificateService>;
