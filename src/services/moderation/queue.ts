import { z } from 'zod';
import { addDays, countingDay, dayStart } from '../../domain/counter/counting-day.ts';
import { isCalendarDay } from '../../domain/counter/day-range.ts';
import { normalizeRegistrationNumber } from '../../domain/declaration/registration-number.ts';
import type { DeclarationStatus } from '../../domain/declaration/status.ts';
import { can, Permission, type Actor } from '../../domain/staff/permissions.ts';
import type { QueueRow } from '../../repositories/moderation/queue-queries.ts';
import type { Signals } from '../../repositories/moderation/signal-queries.ts';
import { fail, ok, type Result } from '../result.ts';
import type { ModerationKit } from './kit.ts';

export const QUEUE_PAGE_SIZE = 50;
/** Same alias key and region within this many days either side: probably the same person again. */
export const DUPLICATE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
/** Same alias key or statement within this many minutes either side: possibly scripted. */
const BURST_WINDOW_MS = 10 * 60 * 1000;
/** A burst is flagged when this many declarations (this one included) fall in the window. */
const BURST_THRESHOLD = 5;
/**
 * Near-identical statements (the same text key) within this many hours either side: copies varied
 * by a flooder to pass as many people. Wider than the burst, whose exact statement a flood varies.
 */
const TEXT_WINDOW_MS = 6 * 60 * 60 * 1000;
/**
 * Near-identical statements are flagged when this many (this one included) fall in the window.
 * Higher than the burst's: many honest declarants copy one of a few common wordings.
 */
const TEXT_THRESHOLD = 10;
const WINDOWS = { duplicateMs: DUPLICATE_WINDOW_MS, burstMs: BURST_WINDOW_MS, textMs: TEXT_WINDOW_MS };

const STATUSES = ['pending', 'published', 'rejected', 'retracted'] as const satisfies readonly DeclarationStatus[];

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const calendarDay = z.string().refine(isCalendarDay);

/**
 * The first instant of a day in the zone, or nothing where that falls outside the years 0001–9999 that
 * both engines store (PostgreSQL refuses the year 0): no row was created before or after those.
 */
function storedDayStart(day: string, timeZone: string): Date | undefined {
  if (!isCalendarDay(day)) return undefined;
  const start = dayStart(day, timeZone);
  return start.getUTCFullYear() >= 1 && start.getUTCFullYear() <= 9999 ? start : undefined;
}

const positiveId = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

/** The queue's filter, from a query string or JSON alike; blank fields mean "any". */
const queueFilterSchema = z
  .object({
    status: z.preprocess(blankToUndefined, z.enum(STATUSES).default('pending')),
    channel: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[a-z_]{1,40}$/)
        .optional(),
    ),
    centerId: z.preprocess(blankToUndefined, positiveId.optional()),
    from: z.preprocess(blankToUndefined, calendarDay.optional()),
    to: z.preprocess(blankToUndefined, calendarDay.optional()),
    beforeId: z.preprocess(blankToUndefined, positiveId.optional()),
  })
  .refine((filter) => filter.from === undefined || filter.to === undefined || filter.from <= filter.to);

type QueueFilter = z.input<typeof queueFilterSchema>;

/** A queue row as editors see it: the original's number instead of its id, and the signals. */
export type QueueItem = Omit<QueueRow, 'duplicateOf' | 'duplicateOfNumber' | 'aliasKey' | 'textKey'> & {
  /** The original's registration number, when this one was marked as its duplicate. */
  duplicateOf: string | null;
  /** Other declarations with the same alias key and region within 30 days either side. */
  likelyDuplicates: number;
  /** Declarations (this one included) with the same alias key or statement within 10 minutes either side. */
  burst: number;
  /** burst ≥ BURST_THRESHOLD. */
  burstFlagged: boolean;
  /** Declarations (this one included) with a near-identical statement within 6 hours either side; 0 without a statement. */
  sameText: number;
  /** sameText ≥ TEXT_THRESHOLD. */
  sameTextFlagged: boolean;
};

interface QueuePage {
  items: QueueItem[];
  /** Pass as `beforeId` for the next page; null on the last page. */
  nextBeforeId: number | null;
}

function toItem(row: QueueRow, signal: Signals = { likelyDuplicates: 0, burstOthers: 0, sameTextOthers: 0 }): QueueItem {
  const { duplicateOf: _originalId, duplicateOfNumber, aliasKey: _aliasKey, textKey, ...shown } = row;
  const burst = signal.burstOthers + 1;
  const sameText = textKey === null ? 0 : signal.sameTextOthers + 1;
  return {
    ...shown,
    duplicateOf: duplicateOfNumber,
    likelyDuplicates: signal.likelyDuplicates,
    burst,
    burstFlagged: burst >= BURST_THRESHOLD,
    sameText,
    sameTextFlagged: sameText >= TEXT_THRESHOLD,
  };
}

/** The queue and one declaration in it, each with the duplicate and burst signals. */
export function queueOperations({ db, moderation, numbers, timeZone, now }: ModerationKit) {
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
      const signals = await moderation.signals(db, [row], WINDOWS);
      return ok(toItem(row, signals.get(row.id)));
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
      const signals = await moderation.signals(db, page, WINDOWS);
      const items = page.map((row) => toItem(row, signals.get(row.id)));
      return ok({ items, nextBeforeId: rows.length > QUEUE_PAGE_SIZE ? page.at(-1)!.id : null });
    },
  };
}
