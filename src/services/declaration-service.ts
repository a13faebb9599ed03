import type { Kysely } from 'kysely';
import { seal } from '../crypto/seal.ts';
import type { Keys } from '../crypto/keys.ts';
import type { IntakeWriter } from '../db/intake-writer/intake-writer.ts';
import type { Database } from '../db/schema.ts';
import { aliasKey } from '../domain/declaration/alias-key.ts';
import type { DeclarationInput } from '../domain/declaration/declaration-input.ts';
import {
  generateQueryPassword,
  hashQueryPassword,
  normalizeQueryPassword,
  queryPasswordMatches,
} from '../domain/declaration/query-password.ts';
import { normalizeRegistrationNumber, type RegistrationNumberRef } from '../domain/declaration/registration-number.ts';
import { STATUS_AFTER, TRANSITIONS, type DeclarationStatus, type StatusAction } from '../domain/declaration/status.ts';
import type { Locale } from '../i18n/index.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { DeclarationRecord, DeclarationsRepository, NewDeclaration } from '../repositories/declarations-repository.ts';
import type { ModerationRepository, RejectReasonRecord } from '../repositories/moderation-repository.ts';
import { GroupCommit } from './group-commit.ts';
import type { PublicChanges } from './public-changes.ts';
import type { RegistrationNumbers } from './registration-numbers.ts';
import { fail, ok, type Result } from './result.ts';

export interface SubmissionContext {
  channel: 'web' | 'api';
  locale: Locale;
}

export interface Receipt {
  registrationNumber: string;
  queryPassword: string;
  status: DeclarationStatus;
}

/** What a declarant sees with a valid receipt; never the contact or the password hash. */
export interface ReceiptStatus {
  registrationNumber: string;
  status: DeclarationStatus;
  /** As stored: a managed reason in the submitter's language, or an editor's own words. */
  rejectReason: string | null;
  /** A managed reason in every language, for the reader's; null for free text. */
  rejectReasonLabels: RejectReasonRecord['labels'] | null;
  feedback: string | null;
  submittedAt: Date;
  statusChangedAt: Date;
}

export interface PublishedDeclaration {
  registrationNumber: string;
  names: string[];
  headcount: number;
  orgs: DeclarationRecord['orgs'];
  /** Null when the declarant wrote none (i18n/declaration-title.ts makes the one shown). */
  title: string | null;
  region: string | null;
  statement: string | null;
  behalf: DeclarationRecord['behalf'];
  publishedAt: Date;
}

export interface ModerationOutcome {
  done: string[];
  skipped: { registrationNumber: string; reason: 'notFound' | 'wrongStatus' }[];
}

interface QueuedSubmission {
  input: DeclarationInput;
  context: SubmissionContext;
  createdAt: Date;
}

const MAX_NUMBER_ATTEMPTS = 8;
/**
 * Submissions handed to the writer at a time: small enough that the writer starts while a burst of
 * requests is still being read, large enough that few batches share a commit (the writer merges them).
 */
const INTAKE_BATCH = 16;

export interface DeclarationServiceDeps {
  db: Kysely<Database>;
  /** Where public submissions are committed, in batches (see db/intake-writer). */
  writer: IntakeWriter;
  publicChanges: PublicChanges;
  declarations: DeclarationsRepository;
  /** The managed reject reasons, to show one in the reader's language. */
  reasons: Pick<ModerationRepository, 'findRejectReason'>;
  audit: AuditRepository;
  keys: Keys;
  numbers: RegistrationNumbers;
  /** The counting time zone (TUIDANG_TIMEZONE). */
  timeZone: string;
  now?: () => Date;
}

export function createDeclarationService({
  db,
  writer,
  publicChanges,
  declarations,
  reasons,
  audit,
  keys,
  numbers,
  timeZone,
  now = () => new Date(),
}: DeclarationServiceDeps) {
  /** A submission ready to write: its receipt drawn, its password hashed, its contact sealed. */
  function prepare(
    { input, context, createdAt }: QueuedSubmission,
    { number: registrationNumber, serial }: RegistrationNumberRef,
  ): { row: NewDeclaration; receipt: Receipt } {
    const queryPassword = generateQueryPassword();
    const row: NewDeclaration = {
      registrationNumber,
      registrationSerial: serial,
      passwordHash: hashQueryPassword(keys.receipt, registrationNumber, queryPassword),
      names: input.names,
      headcount: input.headcount,
      orgs: input.orgs,
      // No default text is stored: readers get one in their own language.
      title: input.title ?? null,
      region: input.region ?? null,
      statement: input.statement ?? null,
      behalf: input.behalf,
      consent: input.consent,
      contactSealed: input.contact ? seal(keys.contact, input.contact, `contact:${registrationNumber}`) : null,
      channel: context.channel,
      locale: context.locale,
      createdAt,
      aliasKey: aliasKey(input.names[0]!),
    };
    return { row, receipt: { registrationNumber, queryPassword, status: 'pending' } };
  }

  /**
   * A serial reported taken may be taken by this very submission: a batch retried after its commit
   * went through (the writer stopped before answering). Its password hash, unique to it, tells.
   */
  async function isAlreadyWritten(row: NewDeclaration): Promise<boolean> {
    const existing = await declarations.findByRegistrationNumber(db, { number: row.registrationNumber, serial: row.registrationSerial });
    return existing !== null && existing.passwordHash === row.passwordHash;
  }

  // Concurrent submissions share one transaction; each waits for its own commit. Batches go to the
  // writer every millisecond even while one is committing: the writer merges what queues up.
  const intake = new GroupCommit<NewDeclaration, number | null>({ commit: (rows) => writer.write(rows), maxBatch: INTAKE_BATCH, maxInFlight: 8 });

  /** Writes one submission; a serial is only ever taken by a retried batch, and then by this very submission. */
  async function submit(submission: QueuedSubmission): Promise<Receipt> {
    for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt++) {
      const { row, receipt } = prepare(submission, await numbers.draw());
      if ((await intake.submit(row)) !== null || (await isAlreadyWritten(row))) return receipt;
    }
    throw new Error('could not draw a free registration number');
  }

  async function findByReceipt(registrationNumberInput: string, passwordInput: string) {
    const registrationNumber = normalizeRegistrationNumber(registrationNumberInput);
    const password = normalizeQueryPassword(passwordInput);
    if (!registrationNumber || !password) return null;
    const record = await declarations.findByRegistrationNumber(db, numbers.ref(registrationNumber));
    // Same answer for an unknown number and a wrong password: a receipt reveals nothing without both.
    if (!record || !queryPasswordMatches(keys.receipt, registrationNumber, password, record.passwordHash)) return null;
    return record;
  }

  async function toReceiptStatus(record: DeclarationRecord): Promise<ReceiptStatus> {
    const managed = record.rejectReasonId === null ? null : await reasons.findRejectReason(db, record.rejectReasonId);
    return {
      registrationNumber: record.registrationNumber,
      status: record.status,
      rejectReason: record.rejectReason,
      rejectReasonLabels: managed?.labels ?? null,
      feedback: record.feedback,
      submittedAt: record.createdAt,
      statusChangedAt: record.statusChangedAt,
    };
  }

  async function moderate(
    action: Extract<StatusAction, 'publish' | 'reject'>,
    actor: string,
    registrationNumbers: readonly string[],
    details: { reason?: string; feedback?: string } = {},
  ): Promise<ModerationOutcome> {
    const outcome: ModerationOutcome = { done: [], skipped: [] };
    await db.transaction().execute(async (trx) => {
      const found: DeclarationRecord[] = [];
      for (const input of registrationNumbers) {
        const registrationNumber = normalizeRegistrationNumber(input);
        const record = registrationNumber && (await declarations.findByRegistrationNumber(trx, numbers.ref(registrationNumber)));
        if (record) found.push(record);
        else outcome.skipped.push({ registrationNumber: registrationNumber ?? input, reason: 'notFound' });
      }
      // Rows change in id order and the audit chain is locked last, so two moderators
      // acting on overlapping sets queue behind each other instead of deadlocking.
      const changed: DeclarationRecord[] = [];
      const at = now();
      for (const record of found.sort((a, b) => a.id - b.id)) {
        const moved = await declarations.changeStatus(trx, {
          id: record.id,
          from: TRANSITIONS[action],
          to: STATUS_AFTER[action],
          at,
          timeZone,
          ...(action === 'reject' ? { rejectReason: details.reason ?? null, rejectReasonId: null } : {}),
          ...(details.feedback !== undefined ? { feedback: details.feedback } : {}),
        });
        if (!moved) {
          outcome.skipped.push({ registrationNumber: record.registrationNumber, reason: 'wrongStatus' });
          continue;
        }
        await declarations.appendEvent(trx, {
          declarationId: record.id,
          kind: action === 'publish' ? 'published' : 'rejected',
          actor,
          reason: details.reason ?? null,
          at,
        });
        changed.push(record);
      }
      for (const record of changed) {
        await audit.append(trx, {
          at,
          actorId: null,
          actor,
          action: action === 'publish' ? 'declaration.approved' : 'declaration.rejected',
          targetType: 'declaration',
          targetId: record.registrationNumber,
          details: details.reason ? { reason: details.reason } : {},
        });
        outcome.done.push(record.registrationNumber);
      }
    });
    return outcome;
  }

  return {
    /** Resolves only after the declaration is durably committed. */
    submit(input: DeclarationInput, context: SubmissionContext): Promise<Receipt> {
      return submit({ input, context, createdAt: now() });
    },

    async lookup(registrationNumber: string, password: string): Promise<Result<ReceiptStatus>> {
      const record = await findByReceipt(registrationNumber, password);
      return record ? ok(await toReceiptStatus(record)) : fail('receipt.invalid');
    },

    /** A retraction is a status change and an event, never a deletion. */
    async retract(registrationNumber: string, password: string): Promise<Result<ReceiptStatus>> {
      const record = await findByReceipt(registrationNumber, password);
      if (!record) return fail('receipt.invalid');
      if (record.status === 'retracted') return fail('receipt.alreadyRetracted');
      const at = now();
      const changed = await db.transaction().execute(async (trx) => {
        const moved = await declarations.changeStatus(trx, {
          id: record.id,
          from: TRANSITIONS.retract,
          to: 'retracted',
          at,
          timeZone,
        });
        if (moved) await declarations.appendEvent(trx, { declarationId: record.id, kind: 'retracted', actor: 'declarant', at });
        return moved;
      });
      if (!changed) return fail('receipt.alreadyRetracted');
      publicChanges.declarationsChanged([record.registrationNumber]);
      return ok({ ...(await toReceiptStatus(record)), status: 'retracted', statusChangedAt: at });
    },

    approve(actor: string, registrationNumbers: readonly string[], feedback?: string): Promise<ModerationOutcome> {
      return moderate('publish', actor, registrationNumbers, feedback === undefined ? {} : { feedback });
    },

    reject(actor: string, registrationNumbers: readonly string[], reason: string): Promise<ModerationOutcome> {
      return moderate('reject', actor, registrationNumbers, { reason });
    },

    async getPublished(registrationNumberInput: string): Promise<PublishedDeclaration | null> {
      const registrationNumber = normalizeRegistrationNumber(registrationNumberInput);
      if (!registrationNumber) return null;
      const record = await declarations.findByRegistrationNumber(db, numbers.ref(registrationNumber));
      if (!record || record.status !== 'published' || !record.publishedAt) return null;
      return {
        registrationNumber: record.registrationNumber,
        names: record.names,
        headcount: record.headcount,
        orgs: record.orgs,
        title: record.title,
        region: record.region,
        statement: record.statement,
        behalf: record.behalf,
        publishedAt: record.publishedAt,
      };
    },

    /** Changes whenever a published declaration changes, in any process: kept pages are current while it does not. */
    publicPagesVersion: () => declarations.publicPagesVersion(db),

    /** Waits for queued submissions, so shutdown never drops an acknowledged one. */
    drain: () => intake.drain(),
    /** Commits everything acknowledged so far, then stops the writer. */
    async close(): Promise<void> {
      await intake.drain();
      await writer.close();
    },
  };
}

export type DeclarationService = ReturnType<typeof createDeclarationService>;
