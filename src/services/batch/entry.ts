import type { Kysely } from 'kysely';
import type { Keys } from '../../crypto/keys.ts';
import { open, seal } from '../../crypto/seal.ts';
import { DatabaseBusyError } from '../../db/database-busy.ts';
import type { Database, DeclarationEventKind } from '../../db/schema.ts';
import { duplicateKey, parseBatchInput, type BatchError, type BatchInput } from '../../domain/batch/batch-input.ts';
import { aliasKey } from '../../domain/declaration/alias-key.ts';
import { statementTextKey } from '../../domain/declaration/text-key.ts';
import { generateQueryPassword, hashQueryPassword } from '../../domain/declaration/query-password.ts';
import type { RegistrationNumberRef } from '../../domain/declaration/registration-number.ts';
import { isSubmissionToken, timeOrderedId, tokenHash } from '../../domain/declaration/submission-token.ts';
import type { ErrorCode, Locale } from '../../i18n/index.ts';
import { Permission, can, type Actor } from '../../domain/staff/permissions.ts';
import type { AttemptsRepository } from '../../repositories/outreach/attempts-repository.ts';
import type { InboxConversion } from '../inbox/conversion.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { BatchesRepository } from '../../repositories/batches-repository.ts';
import type { DeclarationsRepository } from '../../repositories/declarations/index.ts';
import type { Executor } from '../../repositories/executor.ts';
import type { StaffRepository } from '../../repositories/staff-repository.ts';
import type { SubmissionReceiptsRepository } from '../../repositories/submission-receipts-repository.ts';
import { ok } from '../result.ts';
import type { RegistrationNumbers } from '../registration-numbers.ts';
import { staffLabel } from '../staff-auth-service.ts';

/** How far back an entry with the same alias and region counts as a possible duplicate. */
const DUPLICATE_WINDOW_DAYS = 30;

const DUPLICATES_ERROR: ErrorCode = 'batch.duplicates';

/** A row that may enter someone twice; the volunteer decides. */
export interface DuplicateWarning {
  row: number;
  /** The earlier row of this batch with the same alias key and region. */
  inBatch: number | null;
  /** Entries with the same alias key and region made in the last 30 days. */
  recent: number;
}

/** What the volunteer passes on to the person: without both, nobody can look the entry up. */
export interface EntryReceipt {
  row: number;
  name: string;
  registrationNumber: string;
  queryPassword: string;
  status: 'pending' | 'published';
}

export interface BatchReceipt {
  batchId: number;
  status: 'pending' | 'published';
  declarations: number;
  people: number;
  receipts: EntryReceipt[];
}

/** A Result whose failures may say which rows and fields are wrong, or which rows look like duplicates. */
export type BatchOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: ErrorCode; rowErrors?: BatchError[]; duplicates?: DuplicateWarning[] };

// ---------------------------------------------------------------------------
// A batch posted again (a reload of its result page) shows its first result.

/** How long a batch's result is held for a repeat of its post: a reload comes within minutes. */
const BATCH_HOLD_MS = 60 * 60 * 1000;
const heldBatchContext = (id: string) => `held-batch:${id}`;

/** Thrown inside the transaction to undo a batch whose token another transaction took meanwhile. */
class RepeatedBatch extends Error {}

/** Thrown inside the transaction to undo a batch posted for a call that is not the volunteer's, or did not end "declared". */
class UnlinkableCall extends Error {}

/** Thrown inside the transaction to undo a batch entered from an inbox item that is not the actor's to convert, or moved meanwhile. */
class UnconvertibleItem extends Error {
  constructor(readonly code: 'inbox.error.notConvertible' | 'inbox.error.moved') {
    super(code);
  }
}

// ---------------------------------------------------------------------------

export interface BatchEntryServiceDeps {
  db: Kysely<Database>;
  declarations: DeclarationsRepository;
  /** Where a batch's result is held, sealed, for a repeat of its post. */
  heldReceipts: SubmissionReceiptsRepository;
  batches: BatchesRepository;
  staff: StaffRepository;
  audit: AuditRepository;
  keys: Keys;
  numbers: RegistrationNumbers;
  /** The counting time zone (TUIDANG_TIMEZONE). */
  timeZone: string;
  /** Where a batch entered for a phone-bank call is linked to that call (docs/outreach.md). */
  callLinks: Pick<AttemptsRepository, 'declaredCallCenter' | 'linkDeclarations'>;
  /** Where a batch entered from an inbox item is linked to it, and the item converted (docs/inbox.md). */
  inboxLinks: InboxConversion;
  now?: () => Date;
}

export function createBatchEntry({
  db,
  declarations,
  heldReceipts,
  batches,
  audit,
  keys,
  numbers,
  timeZone,
  callLinks,
  inboxLinks,
  now = () => new Date(),
}: BatchEntryServiceDeps) {
  async function findDuplicates(executor: Executor, batch: BatchInput, at: Date): Promise<DuplicateWarning[]> {
    const since = new Date(at.getTime() - DUPLICATE_WINDOW_DAYS * 24 * 60 * 60 * 1000);
    const keys = [...new Set(batch.rows.map((row) => aliasKey(row.name)))];
    const recentCounts = new Map<string, number>();
    for (const record of await batches.recentByAliasKeys(executor, keys, since)) {
      const key = `${record.aliasKey}\u0000${record.region === null ? '' : aliasKey(record.region)}`;
      recentCounts.set(key, (recentCounts.get(key) ?? 0) + 1);
    }
    const firstRow = new Map<string, number>();
    const warnings: DuplicateWarning[] = [];
    for (const row of batch.rows) {
      const key = duplicateKey(row);
      const inBatch = firstRow.get(key) ?? null;
      if (inBatch === null) firstRow.set(key, row.row);
      const recent = recentCounts.get(key) ?? 0;
      if (inBatch !== null || recent > 0) warnings.push({ row: row.row, inBatch, recent });
    }
    return warnings;
  }

  function parse(input: unknown): { ok: true; batch: BatchInput } | { ok: false; outcome: BatchOutcome<never> } {
    const parsed = parseBatchInput(input, { now });
    if (!parsed.ok) return { ok: false, outcome: { ok: false, error: 'request.invalid', rowErrors: parsed.errors } };
    return { ok: true, batch: parsed.value };
  }

  /**
   * Inserts the batch's declarations through the shared insert, each under a number drawn for it, in
   * a few statements for the whole batch: a statement per row kept the write lock for seconds.
   */
  async function enterRows(
    trx: Executor,
    refs: readonly RegistrationNumberRef[],
    entry: { actor: Actor; centerId: number | null; batch: BatchInput; batchId: number; publish: boolean; locale: Locale; at: Date },
  ): Promise<{ ids: number[]; receipts: EntryReceipt[] }> {
    const label = staffLabel(entry.actor);
    const rows = entry.batch.rows.map((row, i) => ({ row, ref: refs[i]!, queryPassword: generateQueryPassword() }));
    const ids = await declarations.insertMany(
      trx,
      rows.map(({ row, ref, queryPassword }) => ({
        registrationNumber: ref.number,
        registrationSerial: ref.serial,
        passwordHash: hashQueryPassword(keys.receipt, ref.number, queryPassword),
        names: [row.name],
        aliasKey: aliasKey(row.name),
        textKey: statementTextKey(row.statement),
        headcount: row.headcount,
        orgs: row.orgs,
        // A row without a title gets none: readers see a default in their own language.
        title: row.title,
        region: row.region,
        statement: row.statement,
        behalf: row.behalf,
        consent: true,
        contactSealed: null,
        channel: entry.batch.channel,
        locale: entry.locale,
        createdAt: entry.at,
      })),
      {
        admission: entry.publish ? 'trusted' : 'volunteer',
        centerId: entry.centerId,
        enteredBy: entry.actor.id,
        batchId: entry.batchId,
      },
    );
    const events: { declarationId: number; kind: DeclarationEventKind; actor: string; at: Date }[] = ids.map((declarationId) => ({
      declarationId,
      kind: 'submitted',
      actor: label,
      at: entry.at,
    }));
    if (entry.publish) {
      // Through the one status change that also counts, like any other publication.
      const published = await declarations.changeStatusMany(trx, { ids, from: 'pending', to: 'published', at: entry.at, timeZone });
      if (published.length !== ids.length)
        throw new Error(`declarations of batch ${entry.batchId} could not be published right after their insert`);
      events.push(...ids.map((declarationId) => ({ declarationId, kind: 'published' as const, actor: label, at: entry.at })));
    }
    await declarations.appendEvents(trx, events);
    const status = entry.publish ? 'published' : 'pending';
    const receipts: EntryReceipt[] = rows.map(({ row, ref, queryPassword }) => ({
      row: row.row,
      name: row.name,
      registrationNumber: ref.number,
      queryPassword,
      status,
    }));
    return { ids, receipts };
  }

  /** All rows in one transaction, or none. */
  async function enter(
    actor: Actor,
    batch: BatchInput,
    token: string | null,
    {
      publish,
      locale,
      at,
      acknowledgeDuplicates,
      call,
      inboxItem,
    }: { publish: boolean; locale: Locale; at: Date; acknowledgeDuplicates: boolean; call: number | null; inboxItem: number | null },
  ): Promise<BatchOutcome<BatchReceipt>> {
    // Before the transaction: a reservation of serials must not wait behind it for the write lock.
    const refs = await numbers.drawMany(batch.rows.length);
    return db
      .transaction()
      .execute(async (trx): Promise<BatchOutcome<BatchReceipt>> => {
        // The token first: a second post of it waits here until the first commits, then finds it taken
        // (it must not get as far as finding the first batch's rows as duplicates of its own).
        const heldId = timeOrderedId(at);
        if (token) await heldReceipts.purgeExpired(trx, at);
        if (
          token &&
          !(await heldReceipts.insert(trx, {
            id: heldId,
            tokenHash: token,
            fingerprint: null,
            refHash: null,
            sealed: '',
            expiresAt: new Date(at.getTime() + BATCH_HOLD_MS),
          }))
        ) {
          throw new RepeatedBatch();
        }
        // Checked again inside the transaction, against what is committed now.
        const duplicates = await findDuplicates(trx, batch, at);
        if (duplicates.length > 0 && !acknowledgeDuplicates) {
          if (token) await heldReceipts.remove(trx, [heldId]);
          return { ok: false, error: DUPLICATES_ERROR, duplicates };
        }
        // A call's declarations count for its campaign's center, whichever center the caller belongs to.
        const callCenter = call === null ? null : await callLinks.declaredCallCenter(trx, { attemptId: call, staffId: actor.id });
        if (call !== null && callCenter === null) throw new UnlinkableCall();
        // An inbox item's declarations count for the item's center (a global admin may convert any).
        const itemCenter = inboxItem === null ? null : await inboxLinks.convertibleCenter(trx, actor, inboxItem);
        if (inboxItem !== null && itemCenter === null) throw new UnconvertibleItem('inbox.error.notConvertible');
        const centerId = callCenter?.id ?? itemCenter ?? actor.centerId;
        const batchId = await batches.insert(trx, {
          staffId: actor.id,
          centerId,
          channel: batch.channel,
          conversationDate: batch.conversationDate,
          consent: batch.consent,
          note: batch.note ?? null,
          at,
        });
        const { ids, receipts } = await enterRows(trx, refs, { actor, centerId, batch, batchId, publish, locale, at });
        if (call !== null && !(await callLinks.linkDeclarations(trx, { attemptId: call, staffId: actor.id, declarationIds: ids }))) {
          throw new UnlinkableCall();
        }
        if (inboxItem !== null && !(await inboxLinks.convert(trx, actor, inboxItem, ids, at)))
          throw new UnconvertibleItem('inbox.error.moved');
        const people = batch.rows.reduce((sum, row) => sum + row.headcount, 0);
        // Counts only: names stay out of the audit log.
        await audit.append(trx, {
          at,
          actorId: actor.id,
          actor: staffLabel(actor),
          action: 'batch.entered',
          targetType: 'batch',
          targetId: String(batchId),
          details: {
            declarations: receipts.length,
            people,
            channel: batch.channel,
            conversationDate: batch.conversationDate,
            published: publish,
            duplicatesAcknowledged: duplicates.length,
            ...(call !== null ? { call } : {}),
            ...(inboxItem !== null ? { inboxItem } : {}),
          },
        });
        const result: BatchReceipt = {
          batchId,
          status: publish ? 'published' : 'pending',
          declarations: receipts.length,
          people,
          receipts,
        };
        if (token) await heldReceipts.seal(trx, heldId, seal(keys.heldReceipts, JSON.stringify(result), heldBatchContext(heldId)));
        return ok(result);
      })
      .catch(async (error: unknown) => {
        if (error instanceof UnlinkableCall) return { ok: false as const, error: 'outreach.callInvalid' as const };
        if (error instanceof UnconvertibleItem) return { ok: false as const, error: error.code };
        // Another post of this token was committed meanwhile: its result is this one's.
        const repeated = error instanceof RepeatedBatch && token ? await heldBatch(token) : null;
        if (repeated) return ok(repeated);
        throw error;
      });
  }

  /**
   * Scoped to the staff member: one volunteer's token never shows another's receipts. A file entered
   * as several batches posts one token; each batch is a part of it.
   */
  function batchToken(actor: Actor, token: string, part: number): string | null {
    return isSubmissionToken(token) ? tokenHash(keys.submissionTokens, `batch:${actor.id}`, `${token}#${part}`) : null;
  }

  /** The result held for a batch token of this staff member, if that batch was entered (within the hour). */
  async function heldBatch(tokenHashed: string): Promise<BatchReceipt | null> {
    const held = await heldReceipts.findByToken(db, tokenHashed, now());
    return held ? (JSON.parse(open(keys.heldReceipts, held.sealed, heldBatchContext(held.id))) as BatchReceipt) : null;
  }

  return {
    /** Rows that may enter someone twice: an earlier row of the batch, or entries of the last 30 days. */
    async checkDuplicates(actor: Actor, input: unknown): Promise<BatchOutcome<DuplicateWarning[]>> {
      if (!can(actor, Permission.DeclarationsEnter)) return { ok: false, error: 'auth.forbidden' };
      const parsed = parse(input);
      if (!parsed.ok) return parsed.outcome;
      return ok(await findDuplicates(db, parsed.batch, now()));
    },

    /**
     * Enters a whole batch in one transaction: all rows or none. Duplicate warnings refuse the
     * batch until the volunteer acknowledges them. A trusted volunteer's entries are published
     * at once; anyone else's wait for an editor. The receipts are shown once; with the form's
     * one-use token, the result is held sealed for an hour, and a repeat of the post (a reload of
     * the result page) gets that first result back instead of entering the batch again.
     */
    async submitBatch(
      actor: Actor,
      input: unknown,
      options: {
        acknowledgeDuplicates: boolean;
        locale?: Locale;
        token?: string | null;
        part?: number;
        call?: number | null;
        /** The inbox item the batch is entered from: it is converted with the batch, or the batch is refused. */
        inboxItem?: number | null;
      },
    ): Promise<BatchOutcome<BatchReceipt>> {
      if (!can(actor, Permission.DeclarationsEnter)) return { ok: false, error: 'auth.forbidden' };
      const token = options.token ? batchToken(actor, options.token, options.part ?? 0) : null;
      const first = token ? await heldBatch(token) : null;
      if (first) return ok(first);
      const parsed = parse(input);
      if (!parsed.ok) return parsed.outcome;
      const batch = parsed.batch;
      const publish = can(actor, Permission.DeclarationsPublishDirectly);
      const locale = options.locale ?? 'zh-hans';
      const at = now();
      try {
        return await enter(actor, batch, token, {
          publish,
          locale,
          at,
          acknowledgeDuplicates: options.acknowledgeDuplicates,
          call: options.call ?? null,
          inboxItem: options.inboxItem ?? null,
        });
      } catch (error) {
        // Another writer kept the database past the lock wait: the transaction never began or was rolled back.
        if (error instanceof DatabaseBusyError) return { ok: false, error: 'request.busy' };
        throw error;
      }
    },

    /** The name of the center a call's declarations count for, to show on its form; null if the call is not the actor's "declared" one. */
    async callCenter(actor: Actor, call: number): Promise<string | null> {
      if (!can(actor, Permission.DeclarationsEnter)) return null;
      return (await callLinks.declaredCallCenter(db, { attemptId: call, staffId: actor.id }))?.name ?? null;
    },

    /** The first result of a batch (a part of a file) posted with this token, if it was entered. */
    async enteredBatch(actor: Actor, token: string, part: number): Promise<BatchReceipt | null> {
      const hashed = can(actor, Permission.DeclarationsEnter) ? batchToken(actor, token, part) : null;
      return hashed ? heldBatch(hashed) : null;
    },
  };
}

export type BatchEntry = ReturnType<typeof createBatchEntry>;
