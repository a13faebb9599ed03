import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { addDays, countingDay, dayStart } from '../domain/counting/counting-day.ts';
import { aliasKey } from '../domain/declaration/alias-key.ts';
import { LIMITS } from '../domain/declaration/declaration-input.ts';
import { MAX_NAMES, isAcceptableName, splitNames } from '../domain/declaration/names.ts';
import { normalizeRegistrationNumber } from '../domain/declaration/registration-number.ts';
import { cleanText, findTextProblem } from '../domain/declaration/safe-text.ts';
import { STATUS_AFTER, TRANSITIONS, type DeclarationStatus } from '../domain/declaration/status.ts';
import { DEFAULT_LOCALE, isLocale, type ErrorCode, type Locale } from '../i18n/index.ts';
import { can, isSystemActor, Permission, type Actor } from '../domain/staff/permissions.ts';
import { archiveRepository } from '../repositories/archive-repository.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { DeclarationsRepository } from '../repositories/declarations-repository.ts';
import type { Executor } from '../repositories/executor.ts';
import type {
  LikelyDuplicateRow,
  ModerationRepository,
  ModerationTarget,
  QueueRow,
  RedactedFields,
  RejectReasonRecord,
} from '../repositories/moderation-repository.ts';
import type { PublicChanges } from './fast-lane/public-changes.ts';
import type { RegistrationNumbers } from './registration-numbers.ts';
import { fail, ok, type Result } from './result.ts';
import type { SelectionItem } from './selection-export.tsx';
import { staffLabel } from './staff-auth-service.ts';

export const QUEUE_PAGE_SIZE = 50;
/** Same alias key and region within this many days either side: probably the same person again. */
export const DUPLICATE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
/** Same alias key or statement within this many minutes either side: possibly scripted. */
export const BURST_WINDOW_MS = 10 * 60 * 1000;
/** A burst is flagged when this many declarations (this one included) fall in the window. */
export const BURST_THRESHOLD = 5;
/** The most registration numbers one bulk decision takes. */
export const MAX_BULK = 500;
/** The reject reason the migration seeds for "duplicates an existing declaration". */
export const DUPLICATE_REASON_ID = 2;
/** The most suspected originals the detail page lists; the total is shown beside them. */
export const SUSPECTED_ORIGINALS_SHOWN = 20;
/** What a newspaper export covers: the editors' selection, or every statement published that day. */
export const EXPORT_SCOPES = ['featured', 'day'] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];
/** The most characters of an editor's feedback to the declarant (the catalogs' 'moderation.feedbackTooLong' says so). */
export const FEEDBACK_MAX_LENGTH = 1000;

const STATUSES = ['pending', 'published', 'rejected', 'retracted'] as const satisfies readonly DeclarationStatus[];

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A calendar day as YYYY-MM-DD that exists (no 2025-02-30). */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const isoDay = z.string().refine(isIsoDay);

/**
 * The first instant of a day in the zone, or nothing where that falls outside the years 0001–9999 that
 * both engines store (PostgreSQL refuses the year 0): no row was created before or after those.
 */
function storedDayStart(day: string, timeZone: string): Date | undefined {
  if (!isIsoDay(day)) return undefined;
  const start = dayStart(day, timeZone);
  return start.getUTCFullYear() >= 1 && start.getUTCFullYear() <= 9999 ? start : undefined;
}

const positiveId = z.coerce.number().int().positive().max(2 ** 31 - 1);

/** The queue's filter, from a query string or JSON alike; blank fields mean "any". */
export const queueFilterSchema = z
  .object({
    status: z.preprocess(blankToUndefined, z.enum(STATUSES).default('pending')),
    channel: z.preprocess(blankToUndefined, z.string().regex(/^[a-z_]{1,40}$/).optional()),
    centerId: z.preprocess(blankToUndefined, positiveId.optional()),
    from: z.preprocess(blankToUndefined, isoDay.optional()),
    to: z.preprocess(blankToUndefined, isoDay.optional()),
    beforeId: z.preprocess(blankToUndefined, positiveId.optional()),
  })
  .refine((filter) => filter.from === undefined || filter.to === undefined || filter.from <= filter.to);

export type QueueFilter = z.input<typeof queueFilterSchema>;

/** A queue row as editors see it: the original's number instead of its id, and the signals. */
export type QueueItem = Omit<QueueRow, 'duplicateOf' | 'duplicateOfNumber' | 'aliasKey'> & {
  /** The original's registration number, when this one was marked as its duplicate. */
  duplicateOf: string | null;
  /** Other declarations with the same alias key and region within 30 days either side. */
  likelyDuplicates: number;
  /** Declarations (this one included) with the same alias key or statement within 10 minutes either side. */
  burst: number;
  /** burst ≥ BURST_THRESHOLD. */
  burstFlagged: boolean;
};

export interface QueuePage {
  items: QueueItem[];
  /** Pass as `beforeId` for the next page; null on the last page. */
  nextBeforeId: number | null;
}

export type SkipReason = 'notFound' | 'wrongStatus';

export interface BulkOutcome {
  done: string[];
  skipped: { registrationNumber: string; reason: SkipReason }[];
}

export interface RejectReason {
  id: number;
  labels: RejectReasonRecord['labels'];
}

export type RedactableField = 'title' | 'statement' | 'names' | 'region';

/** An editor's replacements; names as the form writes them (separated by 、 or commas) or as a list. */
export interface Redaction {
  title?: string | undefined;
  statement?: string | null | undefined;
  names?: string | readonly string[] | undefined;
  /** Null or blank removes the region. */
  region?: string | null | undefined;
}

export interface RedactOutcome {
  registrationNumber: string;
  changed: RedactableField[];
}

/** Optional feedback to the declarant, checked like any other text field; null when there is none. */
function checkFeedback(input: string | null | undefined): { ok: true; feedback: string | null } | { ok: false; error: ErrorCode } {
  if (input === undefined || input === null) return { ok: true, feedback: null };
  if (typeof input !== 'string') return { ok: false, error: 'text.invalid' };
  const problem = findTextProblem(input, { maxLength: FEEDBACK_MAX_LENGTH, multiline: true });
  if (problem) return { ok: false, error: problem === 'tooLong' ? 'moderation.feedbackTooLong' : `text.${problem}` };
  return { ok: true, feedback: cleanText(input, true) || null };
}

export interface DuplicateOutcome {
  registrationNumber: string;
  original: string;
}

export interface UnpublishOutcome {
  registrationNumber: string;
}

/** The declarations one likely duplicates (same alias and region within 30 days), newest first. */
export interface SuspectedOriginals {
  items: LikelyDuplicateRow[];
  /** All of them; at most SUSPECTED_ORIGINALS_SHOWN are in items. */
  total: number;
}

export interface FeatureOutcome {
  registrationNumber: string;
  featuredOn: string | null;
  changed: boolean;
}

/** Thrown inside a transaction to roll it back and answer with an expected failure. */
class Abort extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

function labelFor(reason: RejectReasonRecord, locale: string): string {
  return reason.labels[isLocale(locale) ? locale : DEFAULT_LOCALE];
}

export interface ModerationServiceDeps {
  db: Kysely<Database>;
  moderation: ModerationRepository;
  declarations: DeclarationsRepository;
  audit: AuditRepository;
  /** The counting time zone (TUIDANG_TIMEZONE). */
  timeZone: string;
  publicChanges: PublicChanges;
  numbers: Pick<RegistrationNumbers, 'ref'>;
  now?: () => Date;
}

export function createModerationService({
  db,
  moderation,
  declarations,
  audit,
  timeZone,
  publicChanges,
  numbers,
  now = () => new Date(),
}: ModerationServiceDeps) {
  /** After the commit: pages kept prepared for these declarations are out of date. */
  function changedInPublic<T extends { registrationNumber: string }>(result: Result<T>): Result<T> {
    if (result.ok) publicChanges.declarationsChanged([result.value.registrationNumber]);
    return result;
  }

  async function inTransaction<T>(work: (trx: Executor) => Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (error instanceof Abort) return fail(error.code);
      throw error;
    }
  }

  function auditDeclaration(
    trx: Executor,
    actor: Actor,
    at: Date,
    action: string,
    registrationNumber: string,
    details: Record<string, unknown>,
  ) {
    return audit.append(trx, {
      at,
      actorId: isSystemActor(actor) ? null : actor.id,
      actor: staffLabel(actor),
      action,
      targetType: 'declaration',
      targetId: registrationNumber,
      details,
    });
  }

  /**
   * Normalised and de-duplicated, within the bulk limit; null when the list
   * is unusable. `key` is the normalised number, or the input (cut short)
   * when it cannot be one, for the report.
   */
  function bulkNumbers(registrationNumbers: readonly string[]): { key: string; number: string | null }[] | null {
    if (!Array.isArray(registrationNumbers) || registrationNumbers.length === 0 || registrationNumbers.length > MAX_BULK) return null;
    const seen = new Set<string>();
    const list: { key: string; number: string | null }[] = [];
    for (const input of registrationNumbers) {
      if (typeof input !== 'string') return null;
      const number = normalizeRegistrationNumber(input);
      const key = number ?? input.slice(0, 40);
      if (seen.has(key)) continue;
      seen.add(key);
      list.push({ key, number });
    }
    return list;
  }

  /**
   * Approves or rejects each pending declaration; the others are skipped with
   * the reason. Rows are changed in id order and the audit entries appended
   * last: the audit chain's lock is then only ever taken by a transaction
   * that already holds all its row locks, so two moderators deciding
   * overlapping lists at once wait for each other instead of deadlocking.
   */
  async function decide(
    actor: Actor,
    registrationNumbers: readonly string[],
    decision: { action: 'publish' } | { action: 'reject'; reason: RejectReasonRecord },
    feedbackInput: string | null | undefined,
  ): Promise<Result<BulkOutcome>> {
    if (!can(actor, Permission.ModerationDecide)) return fail('auth.forbidden');
    const list = bulkNumbers(registrationNumbers);
    if (!list) return fail('request.invalid');
    const checked = checkFeedback(feedbackInput);
    if (!checked.ok) return fail(checked.error);
    const feedback = checked.feedback;
    const label = staffLabel(actor);
    return inTransaction(async (trx) => {
      const results = new Map<string, SkipReason | 'done'>();
      const targets: ModerationTarget[] = [];
      for (const { key, number } of list) {
        const target = number === null ? null : await moderation.findTarget(trx, numbers.ref(number));
        if (target) targets.push(target);
        else results.set(key, 'notFound');
      }
      targets.sort((a, b) => a.id - b.id);
      const audited: { at: Date; target: ModerationTarget; reason: string | null }[] = [];
      for (const target of targets) {
        const at = now();
        const reason = decision.action === 'reject' ? labelFor(decision.reason, target.locale) : null;
        const changed = await declarations.changeStatus(trx, {
          id: target.id,
          from: TRANSITIONS[decision.action],
          to: STATUS_AFTER[decision.action],
          at,
          timeZone,
          ...(decision.action === 'reject' ? { rejectReason: reason, rejectReasonId: decision.reason.id } : {}),
          ...(feedback !== null ? { feedback } : {}),
        });
        if (!changed) {
          results.set(target.registrationNumber, 'wrongStatus');
          continue;
        }
        await declarations.appendEvent(trx, {
          declarationId: target.id,
          kind: decision.action === 'publish' ? 'published' : 'rejected',
          actor: label,
          reason,
          at,
        });
        audited.push({ at, target, reason });
        results.set(target.registrationNumber, 'done');
      }
      for (const { at, target, reason } of audited) {
        await auditDeclaration(
          trx,
          actor,
          at,
          decision.action === 'publish' ? 'declaration.approved' : 'declaration.rejected',
          target.registrationNumber,
          {
            ...(decision.action === 'publish' ? { from: target.status } : { from: target.status, reasonId: decision.reason.id, reason }),
            ...(feedback !== null ? { feedback } : {}),
          },
        );
      }
      // Reported in the order given.
      const outcome: BulkOutcome = { done: [], skipped: [] };
      for (const { key } of list) {
        const result = results.get(key) ?? 'notFound';
        if (result === 'done') outcome.done.push(key);
        else outcome.skipped.push({ registrationNumber: key, reason: result });
      }
      return ok(outcome);
    });
  }

  async function findOne(trx: Executor, input: string): Promise<ModerationTarget | null> {
    const number = typeof input === 'string' ? normalizeRegistrationNumber(input) : null;
    return number === null ? null : moderation.findTarget(trx, numbers.ref(number));
  }

  /**
   * A written title must stay non-empty (redact() checks a blank one against the row: it is
   * what the form sends for a declaration without a title); a statement or a region may be
   * removed (null or blank). Names follow the public form's rules, and there may not be more
   * of them than people.
   */
  function checkRedaction(text: Redaction):
    | { ok: true; title?: string; statement?: string | null; names?: string[]; region?: string | null }
    | { ok: false; error: ErrorCode } {
    const result: { ok: true; title?: string; statement?: string | null; names?: string[]; region?: string | null } = { ok: true };
    if (text.title !== undefined) {
      if (typeof text.title !== 'string') return { ok: false, error: 'text.invalid' };
      const problem = findTextProblem(text.title, { maxLength: LIMITS.title, multiline: false });
      if (problem) return { ok: false, error: `text.${problem}` };
      result.title = cleanText(text.title, false);
    }
    if (text.statement !== undefined) {
      if (text.statement === null) result.statement = null;
      else {
        if (typeof text.statement !== 'string') return { ok: false, error: 'text.invalid' };
        const problem = findTextProblem(text.statement, { maxLength: LIMITS.statement, multiline: true });
        if (problem) return { ok: false, error: `text.${problem}` };
        result.statement = cleanText(text.statement, true) || null;
      }
    }
    if (text.names !== undefined) {
      const parts = typeof text.names === 'string' ? [text.names] : text.names;
      if (!Array.isArray(parts) || parts.length > MAX_NAMES * 4 || !parts.every((part) => typeof part === 'string')) return { ok: false, error: 'text.invalid' };
      for (const part of parts) {
        const problem = findTextProblem(part, { maxLength: MAX_NAMES * (LIMITS.name + 2), multiline: true });
        if (problem) return { ok: false, error: `text.${problem}` };
      }
      const names = splitNames(parts);
      if (names.length === 0) return { ok: false, error: 'names.required' };
      if (names.length > MAX_NAMES) return { ok: false, error: 'moderation.namesInvalid' };
      result.names = names;
    }
    if (text.region !== undefined) {
      if (text.region === null) result.region = null;
      else {
        if (typeof text.region !== 'string') return { ok: false, error: 'text.invalid' };
        const problem = findTextProblem(text.region, { maxLength: LIMITS.region, multiline: false });
        if (problem) return { ok: false, error: `text.${problem}` };
        result.region = cleanText(text.region, false) || null;
      }
    }
    if (result.title === undefined && result.statement === undefined && result.names === undefined && result.region === undefined) {
      return { ok: false, error: 'request.invalid' };
    }
    return result;
  }

  function toItem(row: QueueRow, signal: { likelyDuplicates: number; burstOthers: number } = { likelyDuplicates: 0, burstOthers: 0 }): QueueItem {
    const { duplicateOf: _originalId, duplicateOfNumber, aliasKey: _aliasKey, ...shown } = row;
    const burst = signal.burstOthers + 1;
    return {
      ...shown,
      duplicateOf: duplicateOfNumber,
      likelyDuplicates: signal.likelyDuplicates,
      burst,
      burstFlagged: burst >= BURST_THRESHOLD,
    };
  }

  return {
    /** The counting time zone, in which every date of an export is written. */
    timeZone,

    /** Today in the counting time zone: the day a publication now counts on, and the selection forms' default. */
    today(): string {
      return countingDay(now(), timeZone);
    },

    /** One declaration with its signals, for the detail page. */
    async item(actor: Actor, registrationNumberInput: string): Promise<Result<QueueItem>> {
      if (!can(actor, Permission.ModerationRead)) return fail('auth.forbidden');
      const registrationNumber = normalizeRegistrationNumber(registrationNumberInput);
      const row = registrationNumber ? await moderation.one(db, numbers.ref(registrationNumber)) : null;
      if (!row) return fail('request.notFound');
      const signals = await moderation.signals(db, [row], { duplicateMs: DUPLICATE_WINDOW_MS, burstMs: BURST_WINDOW_MS });
      return ok(toItem(row, signals.get(row.id)));
    },

    /** What the "likely duplicate" signal of one declaration counts, for the editor to choose its original from. */
    async suspectedOriginals(actor: Actor, registrationNumberInput: string): Promise<Result<SuspectedOriginals>> {
      if (!can(actor, Permission.ModerationRead)) return fail('auth.forbidden');
      const registrationNumber = normalizeRegistrationNumber(registrationNumberInput);
      const row = registrationNumber ? await moderation.one(db, numbers.ref(registrationNumber)) : null;
      if (!row) return fail('request.notFound');
      const found = await moderation.likelyDuplicates(db, row, DUPLICATE_WINDOW_MS, SUSPECTED_ORIGINALS_SHOWN);
      return ok({ items: found.rows, total: found.total });
    },

    /** One page of the queue, newest first, with the duplicate and burst signals of each item. */
    async queue(actor: Actor, filter: QueueFilter = {}): Promise<Result<QueuePage>> {
      if (!can(actor, Permission.ModerationRead)) return fail('auth.forbidden');
      const parsed = queueFilterSchema.safeParse(filter ?? {});
      if (!parsed.success) return fail('request.invalid');
      const { status, channel, centerId, from, to, beforeId } = parsed.data;
      const rows = await moderation.queue(db, {
        status,
        channel,
        centerId,
        // Days of the counting zone, as the queue shows its times.
        createdFrom: from === undefined ? undefined : storedDayStart(from, timeZone),
        createdBefore: to === undefined ? undefined : storedDayStart(addDays(to, 1), timeZone),
        beforeId,
        limit: QUEUE_PAGE_SIZE + 1,
      });
      const page = rows.slice(0, QUEUE_PAGE_SIZE);
      const signals = await moderation.signals(db, page, { duplicateMs: DUPLICATE_WINDOW_MS, burstMs: BURST_WINDOW_MS });
      const items = page.map((row) => toItem(row, signals.get(row.id)));
      return ok({ items, nextBeforeId: rows.length > QUEUE_PAGE_SIZE ? page.at(-1)!.id : null });
    },

    /** Every reason, retired ones too, for the page that manages them. */
    async allReasons(actor: Actor): Promise<Result<RejectReasonRecord[]>> {
      if (!can(actor, Permission.ReasonsManage)) return fail('auth.forbidden');
      return ok(await moderation.rejectReasons(db, { activeOnly: false }));
    },

    /** A new reason, written in all three languages so every declarant reads it in theirs. */
    async addReason(actor: Actor, input: { 'zh-hans': string; 'zh-hant': string; en: string }): Promise<Result<number>> {
      if (!can(actor, Permission.ReasonsManage)) return fail('auth.forbidden');
      const labels = { 'zh-hans': '', 'zh-hant': '', en: '' };
      for (const locale of ['zh-hans', 'zh-hant', 'en'] as const) {
        const value = typeof input[locale] === 'string' ? input[locale] : '';
        if (findTextProblem(value, { maxLength: 200, multiline: false })) return fail('request.invalid');
        labels[locale] = cleanText(value, false);
        if (!labels[locale]) return fail('text.required');
      }
      return inTransaction(async (trx) => {
        const id = await moderation.insertRejectReason(trx, labels);
        await audit.append(trx, {
          at: now(),
          actorId: actor.id,
          actor: staffLabel(actor),
          action: 'reason.added',
          targetType: 'reason',
          targetId: String(id),
          details: { labels },
        });
        return ok(id);
      });
    },

    /** Retired reasons leave the list editors choose from; past rejections keep their text. */
    async setReasonActive(actor: Actor, id: number, active: boolean): Promise<Result<true>> {
      if (!can(actor, Permission.ReasonsManage)) return fail('auth.forbidden');
      return inTransaction(async (trx) => {
        if (!(await moderation.setRejectReasonActive(trx, id, active))) return fail('request.notFound');
        await audit.append(trx, {
          at: now(),
          actorId: actor.id,
          actor: staffLabel(actor),
          action: active ? 'reason.activated' : 'reason.retired',
          targetType: 'reason',
          targetId: String(id),
          details: {},
        });
        return ok(true as const);
      });
    },

    /** The active reject reasons, each in the three languages. */
    async reasons(): Promise<RejectReason[]> {
      return (await moderation.rejectReasons(db, { activeOnly: true })).map(({ id, labels }) => ({ id, labels }));
    },

    /** `feedback`, when given, is shown to each declarant on their receipt. */
    approve(actor: Actor, registrationNumbers: readonly string[], feedback?: string | null): Promise<Result<BulkOutcome>> {
      return decide(actor, registrationNumbers, { action: 'publish' }, feedback);
    },

    /**
     * The declarant sees the reason, in the language they declared in, through their receipt,
     * and the editor's feedback beside it when there is some.
     */
    async reject(actor: Actor, registrationNumbers: readonly string[], reasonId: number, feedback?: string | null): Promise<Result<BulkOutcome>> {
      if (!can(actor, Permission.ModerationDecide)) return fail('auth.forbidden');
      if (!Number.isSafeInteger(reasonId)) return fail('request.invalid');
      const reason = await moderation.findRejectReason(db, reasonId);
      if (!reason?.active) return fail('request.invalid');
      return decide(actor, registrationNumbers, { action: 'reject', reason }, feedback);
    },

    /**
     * Replaces the title, statement, names or region; the head-count stays. The audit entry
     * keeps the original text, which leaves no other trace: search, the alias key and the
     * public pages follow the new text, and the region statistics its new region.
     */
    async redact(actor: Actor, registrationNumber: string, text: Redaction): Promise<Result<RedactOutcome>> {
      if (!can(actor, Permission.ModerationDecide)) return fail('auth.forbidden');
      const checked = checkRedaction(text ?? {});
      if (!checked.ok) return fail(checked.error);
      const result = await inTransaction(async (trx) => {
        const target = await findOne(trx, registrationNumber);
        if (!target) return fail('request.notFound');
        // Blank leaves a declaration without a title as it is; a written title cannot be blanked.
        if (checked.title === '' && target.title !== null) return fail('text.invalid');
        const title = checked.title === '' ? null : checked.title;
        const set: RedactedFields = {};
        const original: { title?: string | null; statement?: string | null; names?: string[]; region?: string | null } = {};
        if (title !== undefined && title !== null && title !== target.title) {
          set.title = title;
          original.title = target.title;
        }
        if (checked.statement !== undefined && checked.statement !== target.statement) {
          set.statement = checked.statement;
          original.statement = target.statement;
        }
        if (checked.names !== undefined && checked.names.join('\n') !== target.names.join('\n')) {
          // Checked only when they change: names kept as they are (imported ones, say) pass unexamined.
          if (!checked.names.every(isAcceptableName)) return fail('moderation.namesInvalid');
          if (checked.names.length > target.headcount) return fail('moderation.namesBeyondHeadcount');
          set.names = checked.names;
          set.aliasKey = aliasKey(checked.names[0]!);
          original.names = target.names;
        }
        if (checked.region !== undefined && checked.region !== target.region) {
          set.region = checked.region;
          original.region = target.region;
        }
        const changed = (['title', 'statement', 'names', 'region'] as const).filter((field) => field in original);
        if (changed.length === 0) return ok({ registrationNumber: target.registrationNumber, changed });
        const at = now();
        // Search grams come from the text: out before it changes, back in after.
        await archiveRepository.unindex(trx, target.id);
        await moderation.setText(trx, target.id, set);
        await archiveRepository.indexForSearch(trx, target.id);
        await auditDeclaration(trx, actor, at, 'declaration.redacted', target.registrationNumber, { fields: changed, original });
        return ok({ registrationNumber: target.registrationNumber, changed });
      });
      return changedInPublic(result);
    },

    /**
     * Rejects a pending or published declaration as the duplicate of another,
     * with the "duplicate" reason in its own language; a published one leaves
     * the public record, and its people the day they were counted on. Refuses
     * a self-reference and an original that is itself a duplicate, so chains
     * and cycles cannot form.
     */
    async markDuplicate(
      actor: Actor,
      registrationNumber: string,
      originalRegistrationNumber: string,
    ): Promise<Result<DuplicateOutcome>> {
      if (!can(actor, Permission.ModerationDecide)) return fail('auth.forbidden');
      const result = await inTransaction(async (trx) => {
        const target = await findOne(trx, registrationNumber);
        const original = await findOne(trx, originalRegistrationNumber);
        if (!target || !original) return fail('request.notFound');
        if (target.id === original.id) return fail('moderation.selfDuplicate');
        if (original.duplicateOf !== null) return fail('moderation.originalIsDuplicate');
        const reason = await moderation.findRejectReason(trx, DUPLICATE_REASON_ID);
        if (!reason) throw new Error('the "duplicate" reject reason is missing');
        const reasonText = labelFor(reason, target.locale);
        const at = now();
        const lockOriginal = async () => {
          if (!(await moderation.lockAsOriginal(trx, original.id))) throw new Abort('moderation.originalIsDuplicate');
        };
        // Rows are locked in id order, so two opposite markings wait rather than deadlock.
        if (original.id < target.id) await lockOriginal();
        // The status moves first: the counters take the people off while the row is not yet a duplicate.
        const moved = await declarations.changeStatus(trx, {
          id: target.id,
          from: TRANSITIONS.markDuplicate,
          to: STATUS_AFTER.markDuplicate,
          at,
          timeZone,
          rejectReason: reasonText,
          rejectReasonId: reason.id,
        });
        if (!moved) throw new Abort('moderation.wrongStatus');
        if (!(await moderation.setDuplicateOf(trx, target.id, original.id))) throw new Abort('moderation.wrongStatus');
        if (original.id > target.id) await lockOriginal();
        await declarations.appendEvent(trx, { declarationId: target.id, kind: 'rejected', actor: staffLabel(actor), reason: reasonText, at });
        await auditDeclaration(trx, actor, at, 'declaration.markedDuplicate', target.registrationNumber, {
          from: target.status,
          original: original.registrationNumber,
          reasonId: reason.id,
          reason: reasonText,
        });
        return ok({ registrationNumber: target.registrationNumber, original: original.registrationNumber });
      });
      return changedInPublic(result);
    },

    /**
     * Takes a published declaration off the public record: it becomes a
     * rejection with a reason the declarant reads in their language, leaves
     * search and the archive, and its people come off the day they were
     * counted on.
     */
    async unpublish(actor: Actor, registrationNumber: string, reasonId: number): Promise<Result<UnpublishOutcome>> {
      if (!can(actor, Permission.ModerationDecide)) return fail('auth.forbidden');
      if (!Number.isSafeInteger(reasonId)) return fail('moderation.reasonInvalid');
      const reason = await moderation.findRejectReason(db, reasonId);
      if (!reason?.active) return fail('moderation.reasonInvalid');
      const result = await inTransaction(async (trx) => {
        const target = await findOne(trx, registrationNumber);
        if (!target) return fail('request.notFound');
        const reasonText = labelFor(reason, target.locale);
        const at = now();
        const moved = await declarations.changeStatus(trx, {
          id: target.id,
          from: TRANSITIONS.unpublish,
          to: STATUS_AFTER.unpublish,
          at,
          timeZone,
          rejectReason: reasonText,
        });
        if (!moved) return fail('moderation.wrongStatus');
        await declarations.appendEvent(trx, { declarationId: target.id, kind: 'rejected', actor: staffLabel(actor), reason: reasonText, at });
        await auditDeclaration(trx, actor, at, 'declaration.unpublished', target.registrationNumber, {
          from: target.status,
          reasonId: reason.id,
          reason: reasonText,
        });
        return ok({ registrationNumber: target.registrationNumber });
      });
      return changedInPublic(result);
    },

    /** Puts a published declaration in a day's selection, or takes it out of that day's. */
    async feature(actor: Actor, registrationNumber: string, day: string, featured: boolean): Promise<Result<FeatureOutcome>> {
      if (!can(actor, Permission.ModerationDecide)) return fail('auth.forbidden');
      if (typeof day !== 'string' || !isIsoDay(day) || typeof featured !== 'boolean') return fail('request.invalid');
      return inTransaction(async (trx) => {
        const target = await findOne(trx, registrationNumber);
        if (!target) return fail('request.notFound');
        const unchanged = { registrationNumber: target.registrationNumber, featuredOn: target.featuredOn, changed: false };
        if (featured) {
          if (target.status !== 'published') return fail('request.invalid');
          if (target.featuredOn === day) return ok(unchanged);
        } else if (target.featuredOn !== day) {
          return ok(unchanged);
        }
        if (!(await moderation.setFeaturedOn(trx, target.id, { day, featured }))) return fail('request.invalid');
        const at = now();
        await auditDeclaration(
          trx,
          actor,
          at,
          featured ? 'declaration.featured' : 'declaration.unfeatured',
          target.registrationNumber,
          featured ? { day, previous: target.featuredOn } : { day },
        );
        return ok({ registrationNumber: target.registrationNumber, featuredOn: featured ? day : null, changed: true });
      });
    },

    /** The published declarations featured on a day: public fields only. */
    async dailySelection(actor: Actor, day: string): Promise<Result<SelectionItem[]>> {
      if (!can(actor, Permission.SelectionExport)) return fail('auth.forbidden');
      if (typeof day !== 'string' || !isIsoDay(day)) return fail('request.invalid');
      return ok(await moderation.featured(db, day));
    },

    /**
     * For a file that leaves the system, and so audited: the day's selection ('featured') or
     * every statement published that day in the counting time zone ('day').
     */
    async exportSelection(
      actor: Actor,
      day: string,
      format: 'md' | 'html' | 'csv',
      options: { scope?: ExportScope; language?: Locale } = {},
    ): Promise<Result<SelectionItem[]>> {
      if (!can(actor, Permission.SelectionExport)) return fail('auth.forbidden');
      if (typeof day !== 'string' || !isIsoDay(day)) return fail('request.dayInvalid');
      const scope = options.scope ?? 'featured';
      if (!EXPORT_SCOPES.includes(scope)) return fail('request.invalid');
      return db.transaction().execute(async (trx) => {
        const items = scope === 'featured' ? await moderation.featured(trx, day) : await moderation.publishedOn(trx, day);
        await audit.append(trx, {
          at: now(),
          actorId: actor.id,
          actor: staffLabel(actor),
          action: 'selection.exported',
          targetType: 'selection',
          targetId: day,
          details: { format, scope, ...(options.language ? { language: options.language } : {}), items: items.length },
        });
        return ok(items);
      });
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
