import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { fieldErrors, type FieldError } from '../domain/declaration/declaration-input.ts';
import { characterCount, cleanText, findTextProblem } from '../domain/declaration/safe-text.ts';
import { DEFAULT_LOCALE, isLocale } from '../i18n/index.ts';
import { can, Permission, type Actor } from '../domain/staff/permissions.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { SupportMessageRecord, SupportRepository } from '../repositories/support-repository.ts';
import { fail, ok, type Result } from './result.ts';
import { staffLabel } from './staff-auth-service.ts';

export const SUPPORT_LIMITS = { message: 1000, messageMin: 2, name: 60, region: 50 } as const;
const SUPPORT_PAGE_SIZE = 20;
const SUPPORT_QUEUE_PAGE_SIZE = 50;
/** The most messages one bulk decision takes. */
const SUPPORT_MAX_BULK = 500;

function safeText(maxLength: number, multiline: boolean) {
  return z
    .string({ error: 'text.invalid' })
    .superRefine((value, ctx) => {
      const problem = findTextProblem(value, { maxLength, multiline });
      if (problem) ctx.addIssue({ code: 'custom', message: `text.${problem}`, params: { max: maxLength } });
    })
    .transform((value) => cleanText(value, multiline));
}

const optionalText = (maxLength: number) =>
  safeText(maxLength, false)
    .optional()
    .transform((value) => value || null);

/** A message of support, from the form or any other caller; each issue's message is an error code. */
const supportInputSchema = z.object({
  name: optionalText(SUPPORT_LIMITS.name),
  region: optionalText(SUPPORT_LIMITS.region),
  message: z
    .unknown()
    .transform((value, ctx) => {
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
        ctx.addIssue({ code: 'custom', message: 'text.required' });
        return z.NEVER;
      }
      return value;
    })
    .pipe(safeText(SUPPORT_LIMITS.message, true))
    .superRefine((value, ctx) => {
      if (value === '') ctx.addIssue({ code: 'custom', message: 'text.required' });
      else if (characterCount(value) < SUPPORT_LIMITS.messageMin)
        ctx.addIssue({ code: 'custom', message: 'text.tooShort', params: { min: SUPPORT_LIMITS.messageMin } });
    }),
});

export type SubmitOutcome = { ok: true; id: number } | { ok: false; errors: Record<string, FieldError> };

/** What the public may see of a published message: no status, no locale, no submission time. */
export interface PublishedSupportMessage {
  id: number;
  name: string | null;
  region: string | null;
  message: string;
  publishedAt: Date;
}

export interface SupportPage<T> {
  items: T[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

export interface SupportDecisionOutcome {
  done: number[];
  skipped: number[];
}

export interface SupportServiceDeps {
  db: Kysely<Database>;
  support: SupportRepository;
  audit: AuditRepository;
  now?: () => Date;
}

function page<T extends { id: number }>(rows: T[], size: number): SupportPage<T> {
  const items = rows.slice(0, size);
  return { items, nextBefore: rows.length > size ? items[items.length - 1]!.id : null };
}

function validBefore(before: number | undefined): boolean {
  return before === undefined || (Number.isInteger(before) && before > 0 && before <= 2 ** 31 - 1);
}

export function createSupportService({ db, support, audit, now = () => new Date() }: SupportServiceDeps) {
  /**
   * Stores a message as pending. Only what was typed and the page's language are
   * kept: callers have no way to pass an address or a user agent, on purpose.
   */
  async function submit(input: unknown, locale: string): Promise<SubmitOutcome> {
    const parsed = supportInputSchema.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    const id = await support.insert(db, {
      name: parsed.data.name,
      region: parsed.data.region,
      message: parsed.data.message,
      locale: isLocale(locale) ? locale : DEFAULT_LOCALE,
      at: now(),
    });
    return { ok: true, id };
  }

  async function listPublished(options: { before?: number | undefined } = {}): Promise<SupportPage<PublishedSupportMessage>> {
    if (!validBefore(options.before)) return { items: [], nextBefore: null };
    const rows = await support.listByStatus(db, 'published', { before: options.before, limit: SUPPORT_PAGE_SIZE + 1 });
    const result = page(rows, SUPPORT_PAGE_SIZE);
    return {
      items: result.items.map((row) => ({
        id: row.id,
        name: row.name,
        region: row.region,
        message: row.message,
        publishedAt: row.publishedAt ?? row.createdAt,
      })),
      nextBefore: result.nextBefore,
    };
  }

  /** The pending messages, newest first. */
  async function queue(actor: Actor, options: { before?: number | undefined } = {}): Promise<Result<SupportPage<SupportMessageRecord>>> {
    if (!can(actor, Permission.ModerationRead)) return fail('auth.forbidden');
    if (!validBefore(options.before)) return fail('request.invalid');
    const rows = await support.listByStatus(db, 'pending', { before: options.before, limit: SUPPORT_QUEUE_PAGE_SIZE + 1 });
    return ok(page(rows, SUPPORT_QUEUE_PAGE_SIZE));
  }

  /**
   * Publishes or rejects each pending message, in one transaction; the others
   * are skipped. Rows change in id order and the audit entries are appended
   * last, so the audit chain's lock is taken only after every row lock.
   */
  async function decide(actor: Actor, ids: readonly number[], decision: 'approve' | 'reject'): Promise<Result<SupportDecisionOutcome>> {
    if (!can(actor, Permission.ModerationDecide)) return fail('auth.forbidden');
    if (decision !== 'approve' && decision !== 'reject') return fail('request.invalid');
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > SUPPORT_MAX_BULK) return fail('request.invalid');
    if (!ids.every((id) => Number.isInteger(id) && id > 0 && id <= 2 ** 31 - 1)) return fail('request.invalid');
    const unique = [...new Set(ids)].sort((a, b) => a - b);
    const to = decision === 'approve' ? 'published' : 'rejected';
    const label = staffLabel(actor);
    return db.transaction().execute(async (trx) => {
      const done: { id: number; at: Date }[] = [];
      const skipped: number[] = [];
      for (const id of unique) {
        const at = now();
        if (await support.decide(trx, id, to, at)) done.push({ id, at });
        else skipped.push(id);
      }
      for (const { id, at } of done) {
        await audit.append(trx, {
          at,
          actorId: actor.id,
          actor: label,
          action: decision === 'approve' ? 'support.approved' : 'support.rejected',
          targetType: 'support',
          targetId: String(id),
          details: {},
        });
      }
      return ok({ done: done.map((entry) => entry.id), skipped });
    });
  }

  return { submit, listPublished, queue, decide };
}

export type SupportService = ReturnType<typeof createSupportService>;
