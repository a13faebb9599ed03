import type { Kysely } from 'kysely';
import type { Keys } from '../crypto/keys.ts';
import { seal } from '../crypto/seal.ts';
import type { IntakeWriter } from '../intake/writer/intake-writer.ts';
import type { Database } from '../db/schema.ts';
import { aliasKey } from '../domain/declaration/alias-key.ts';
import { statementTextKey } from '../domain/declaration/text-key.ts';
import { legacyQueryPassword } from '../domain/history/legacy-post.ts';
import type { DeclarationInput } from '../domain/declaration/declaration-input.ts';
import { generateQueryPassword, hashQueryPassword, queryPasswordMatches } from '../domain/declaration/query-password.ts';
import { normalizeRegistrationNumber, type RegistrationNumberRef } from '../domain/declaration/registration-number.ts';
import { bodyFingerprint, isSubmissionToken, parseReference, tokenHash } from '../domain/declaration/submission-token.ts';
import { TRANSITIONS } from '../domain/declaration/status.ts';
import type { Locale } from '../i18n/index.ts';
import type {
  DeclarationRecord,
  DeclarationsRepository,
  NewDeclaration,
  PublicAdmission,
  WriteOutcome,
} from '../repositories/declarations/index.ts';
import type { ModerationRepository } from '../repositories/moderation/moderation-repository.ts';
import type { HeldReceiptRecord, SubmissionReceiptsRepository } from '../repositories/submission-receipts-repository.ts';
import { GroupCommit } from '../intake/group-commit.ts';
import { createReceiptHolder, FORM_HOLD_MS, type Once } from './held-receipts.ts';
import type { PublicChanges } from './fast-lane/public-changes.ts';
import type { RegistrationNumbers } from './registration-numbers.ts';
import { fail, ok, type Result } from './result.ts';
import type { Admission, Admitted } from './flood/admission.ts';
import type { Allowance } from './flood/window-limiter.ts';
import type { Switches } from './flood/switches-service.ts';

import type { FormReceipt, PublishedDeclaration, Receipt, ReceiptStatus, ShownReceipt, SubmissionContext } from './declaration-results.ts';

export type {
  DeclaredSummary,
  FormReceipt,
  PublishedDeclaration,
  Receipt,
  ReceiptStatus,
  ShownReceipt,
  SubmissionContext,
} from './declaration-results.ts';

interface QueuedSubmission {
  input: DeclarationInput;
  context: SubmissionContext;
  createdAt: Date;
  once?: Once;
}

const MAX_NUMBER_ATTEMPTS = 8;
/**
 * Submissions handed to the writer at a time: small enough that the writer starts while a burst of
 * requests is still being read, large enough that few batches share a commit (the writer merges them).
 */
const INTAKE_BATCH = 16;

export interface DeclarationServiceDeps {
  db: Kysely<Database>;
  /** Where public submissions are committed, in batches (see intake/writer). */
  writer: IntakeWriter;
  publicChanges: PublicChanges;
  declarations: DeclarationsRepository;
  /** The managed reject reasons, to show one in the reader's language. */
  reasons: Pick<ModerationRepository, 'findRejectReason'>;
  heldReceipts: SubmissionReceiptsRepository;
  keys: Keys;
  numbers: RegistrationNumbers;
  /** The counting time zone (TUIDANG_TIMEZONE). */
  timeZone: string;
  /**
   * Submissions that may wait for their commit at once (TUIDANG_INTAKE_QUEUE_LIMIT); past it a
   * submission is refused with IntakeOverloadedError at once, before it costs anything more.
   */
  intakeQueueLimit?: number;
  /** Told of every batch committed and every submission refused (the metrics). */
  intakeObserver?: IntakeObserver;
  /**
   * Who gets in, and the submissions kill switch (docs/security.md, "Flooding"): asked by both ways
   * in, the hono routes and the submission lane. Without it, everyone gets in as 'unproven'.
   */
  door?: { admission: Admission; switches: Pick<Switches, 'isOn'> };
  now?: () => Date;
}

interface IntakeObserver {
  committed(size: number, seconds: number): void;
  refused(): void;
}

/** Submissions waiting at once by default (as TUIDANG_INTAKE_QUEUE_LIMIT's): a few seconds of a slow disk's intake, far above any honest burst. */
const DEFAULT_INTAKE_QUEUE_LIMIT = 2048;

/**
 * The intake queue is full: the writer is behind by more than the limit. Nothing was written; the
 * answer is 503 with Retry-After (http/answers.ts), so clients come back later rather than all wait.
 */
export class IntakeOverloadedError extends Error {
  constructor() {
    super('the intake queue is full');
    this.name = 'IntakeOverloadedError';
  }
}

export type { PublicAdmission };

/** Whether a public submission may be filed now, and in which class. */
export type DoorAnswer = Admitted | { ok: false; off: true };

export function createDeclarationService({
  db,
  writer,
  publicChanges,
  declarations,
  reasons,
  heldReceipts,
  keys,
  numbers,
  timeZone,
  intakeQueueLimit = DEFAULT_INTAKE_QUEUE_LIMIT,
  intakeObserver,
  door,
  now = () => new Date(),
}: DeclarationServiceDeps) {
  const { holdFor, sealHeld, openHeld: openHeldAs } = createReceiptHolder(keys);
  const openHeld = (held: HeldReceiptRecord) => openHeldAs<Receipt>(held);

  /** A submission ready to write: its receipt drawn, its password hashed, its contact sealed, its receipt held if asked. */
  function prepare(
    { input, context, createdAt, once }: QueuedSubmission,
    { number: registrationNumber, serial }: RegistrationNumberRef,
  ): { row: NewDeclaration; receipt: Receipt; ref: string | null } {
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
      textKey: statementTextKey(input.statement ?? null),
      admission: context.admission ?? 'unproven',
    };
    const receipt: Receipt = { registrationNumber, queryPassword, status: 'pending' };
    const { held, ref } = holdFor(once, receipt, createdAt);
    return { row: held ? { ...row, held } : row, receipt, ref };
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
  const intake = new GroupCommit<NewDeclaration, WriteOutcome>({
    commit: intakeObserver
      ? async (rows) => {
          const started = performance.now();
          const outcomes = await writer.write(rows);
          intakeObserver.committed(rows.length, (performance.now() - started) / 1000);
          return outcomes;
        }
      : (rows) => writer.write(rows),
    maxBatch: writer.batching?.maxBatch ?? INTAKE_BATCH,
    maxInFlight: writer.batching?.maxInFlight ?? 8,
  });

  /**
   * Writes one submission; a serial is only ever taken by a retried batch, and then by this very
   * submission. 'repeated': its token was used before, and the first receipt is held for it.
   */
  async function submit(submission: QueuedSubmission): Promise<{ receipt: Receipt; ref: string | null } | 'repeated'> {
    // Checked before a number is drawn or a password hashed: under overload a refusal must cost next to nothing.
    if (intake.depth >= intakeQueueLimit) {
      intakeObserver?.refused();
      throw new IntakeOverloadedError();
    }
    for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt++) {
      const { row, receipt, ref } = prepare(submission, await numbers.draw());
      const outcome = await intake.submit(row);
      if (outcome === 'repeated') return outcome;
      if (outcome !== null || (await isAlreadyWritten(row))) return { receipt, ref };
    }
    throw new Error('could not draw a free registration number');
  }

  /** The receipt held for a token that a committed submission used: the repeat waited for that commit. */
  async function heldFor(scope: 'form' | 'api', token: string): Promise<HeldReceiptRecord> {
    const held = await heldReceipts.findByToken(db, tokenHash(keys.submissionTokens, scope, token));
    if (!held) throw new Error('a repeated submission found no receipt held for its token');
    return held;
  }

  async function findByReceipt(registrationNumberInput: string, passwordInput: string) {
    const registrationNumber = normalizeRegistrationNumber(registrationNumberInput);
    // One of ours, or an imported statement's password from the old site (docs/history.md).
    const password = legacyQueryPassword(passwordInput);
    if (!registrationNumber || !password) return null;
    const record = await declarations.findByRegistrationNumber(db, numbers.ref(registrationNumber));
    // Same answer, and the same work, for an unknown number and a wrong password: a receipt reveals
    // nothing without both, not even by the time it takes (the check runs against a decoy without a row).
    const matches = queryPasswordMatches(keys.receipt, registrationNumber, password, record?.passwordHash ?? null);
    return record && matches ? record : null;
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

  return {
    /**
     * Asked before a public submission is filed, once it is valid: off while the submissions
     * switch is off; else its class, by its proof of work, or a refusal over the lower class's limits.
     */
    async admit(address: string | undefined, proof: string | undefined): Promise<DoorAnswer> {
      if (!door) return { ok: true, admission: 'unproven' };
      if (!(await door.switches.isOn('submissions'))) return { ok: false, off: true };
      return door.admission.admit(address, proof);
    },

    /** Whether a receipt may be checked from `address` now: lookups and retractions share one allowance per address. */
    mayCheckReceipt: (address: string | undefined): Allowance => (door ? door.admission.lookup(address) : { ok: true, remaining: 1 }),

    /** A proof-of-work challenge for a form or a client to solve (null without a door: no work asked). */
    challenge: async () => (door ? door.admission.issueChallenge() : null),

    /** Resolves only after the declaration is durably committed. */
    async submit(input: DeclarationInput, context: SubmissionContext): Promise<Receipt> {
      const written = await submit({ input, context, createdAt: now() });
      if (written === 'repeated') throw new Error('a submission without a token cannot repeat');
      return written.receipt;
    },

    /**
     * A form submission: its receipt is held, sealed, for its page, which the answer redirects to by
     * a one-use reference. With the form's token, a repeat files nothing and gets the first receipt
     * under a new reference (the browser may have dropped the first answer: a double tap).
     */
    async submitForm(input: DeclarationInput, locale: Locale, token: string | null, admission?: PublicAdmission): Promise<FormReceipt> {
      const once: Once = { scope: 'form', token: token !== null && isSubmissionToken(token) ? token : null };
      const written = await submit({ input, context: { channel: 'web', locale, admission }, createdAt: now(), once });
      if (written !== 'repeated') return { receipt: written.receipt, ref: written.ref! };
      // Each repeat gets a reference of its own: concurrent repeats (a double tap) must not take each other's.
      const receipt = openHeld(await heldFor('form', once.token!));
      const at = now();
      const { held, ref } = sealHeld(receipt, at, true, {
        tokenHash: null,
        fingerprint: null,
        expiresAt: new Date(at.getTime() + FORM_HOLD_MS),
      });
      await heldReceipts.insert(db, held);
      return { receipt, ref: ref! };
    },

    /**
     * An API submission with an Idempotency-Key: the same key with the same body returns the first
     * receipt, with another body it is refused.
     */
    async submitIdempotent(
      input: DeclarationInput,
      locale: Locale,
      key: string,
      body: string | Buffer,
      admission?: PublicAdmission,
    ): Promise<Result<Receipt>> {
      const fingerprint = bodyFingerprint(keys.submissionTokens, body);
      const written = await submit({
        input,
        context: { channel: 'api', locale, admission },
        createdAt: now(),
        once: { scope: 'api', key, fingerprint },
      });
      if (written !== 'repeated') return ok(written.receipt);
      const held = await heldFor('api', key);
      return held.fingerprint === fingerprint ? ok(openHeld(held)) : fail('idempotency.keyReused');
    },

    /**
     * The receipt a form's reference leads to, once: null for an unknown, used or expired reference.
     * With it, what was declared (read after the reference is taken, so only its holder sees it).
     */
    async takeReceipt(ref: string): Promise<ShownReceipt | null> {
      const reference = parseReference(ref);
      if (!reference) return null;
      const held = await writer.takeReceipt(reference.id, tokenHash(keys.submissionTokens, 'ref', reference.secret), now());
      if (!held) return null;
      const receipt = openHeld(held);
      const record = await declarations.findByRegistrationNumber(db, numbers.ref(receipt.registrationNumber));
      const declared = record && { names: record.names, orgs: record.orgs, headcount: record.headcount };
      return { ...receipt, declared };
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

    async getPublished(registrationNumberInput: string): Promise<PublishedDeclaration | null> {
      const registrationNumber = normalizeRegistrationNumber(registrationNumberInput);
      if (!registrationNumber) return null;
      const record = await declarations.findByRegistrationNumber(db, numbers.ref(registrationNumber));
      if (record?.status !== 'published' || !record.publishedAt) return null;
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

    /** Submissions waiting for their commit now (the metrics' queue depth). */
    intakeDepth: () => intake.depth,
    /** Resolves when the intake writer takes work (its thread and its connection); for /readyz. */
    intakeReady: () => writer.ready(),

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
