import type { Kysely } from 'kysely';
import { lockCounters } from '../db/engine.ts';
import type { Database } from '../db/schema.ts';
import { fromDbTime } from '../db/time.ts';
import { addDays, countingDay, monthStart, weekStart } from '../domain/counter/counting-day.ts';
import { firstCountedDay } from '../domain/counter/day-range.ts';
import { nextMilestone, reachedMilestones, type Milestone } from '../domain/counter/milestones.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { CounterRepository, RecomputedCounter } from '../repositories/counter-repository.ts';
import type { Logger } from '../logging/logger.ts';
import { FreshValue } from './fast-lane/fresh-value.ts';

/** How stale a served counter may be: the "aggregation interval" caches may use as max-age. */
export const COUNTER_CACHE_MS = 1000;

export interface CounterSnapshot {
  total: number;
  today: number;
  yesterday: number;
  thisWeek: number;
  thisMonth: number;
  lastUpdate: Date;
  organizations: { party: number; league: number; pioneers: number };
  declarations: number;
  timeZone: string;
  day: string;
  /** The first day the statistics cover (see firstCountedDay). */
  firstDay: string;
  milestones: Milestone[];
  next: { people: number; progress: number };
  /** The transparency log as of this count: its latest checkpoint, and the published changes it has yet to take. */
  log: { size: number; root: string; pending: number };
}

/** What the counter says of the transparency log (services/log/log-service.ts). */
interface LogState {
  pending: () => Promise<number>;
  checkpoint: () => Promise<{ size: number; root: string }>;
}

export interface ReconcileReport {
  drift: boolean;
  totals: { stored: number; recomputed: number };
  daysDiffering: string[];
  breakdownRowsDiffering: number;
}

export interface CounterServiceDeps {
  db: Kysely<Database>;
  counter: CounterRepository;
  audit: AuditRepository;
  timeZone: string;
  logger: Logger;
  now?: () => Date;
  /** The clock by which the served snapshot ages (see FreshValue). */
  clock?: () => number;
  logState: LogState;
}

export function createCounterService({
  db,
  counter,
  audit,
  timeZone,
  logger,
  now = () => new Date(),
  clock = Date.now,
  logState,
}: CounterServiceDeps) {
  let milestones: { total: number; reached: Milestone[]; firstDay: string } | undefined;

  async function load(): Promise<CounterSnapshot> {
    const at = now();
    const day = countingDay(at, timeZone);
    const [totals, today, yesterday, week, month] = await Promise.all([
      counter.totals(db),
      counter.sumDays(db, day, day),
      counter.sumDays(db, addDays(day, -1), addDays(day, -1)),
      counter.sumDays(db, weekStart(day), day),
      counter.sumDays(db, monthStart(day), day),
    ]);
    // After the totals, the queue, then the checkpoint: a change or a batch between two reads can only
    // make `pending` larger than it is, never claim a count the checkpoint does not hold.
    const pending = await logState.pending();
    const checkpoint = await logState.checkpoint();
    // Milestone days, and the first counted day, only move when the total does.
    if (!milestones || milestones.total !== totals.people) {
      const days = await counter.allDays(db);
      milestones = { total: totals.people, reached: reachedMilestones(days), firstDay: firstCountedDay(days[0]?.day ?? null) };
    }
    return {
      total: totals.people,
      today: today.people,
      yesterday: yesterday.people,
      thisWeek: week.people,
      thisMonth: month.people,
      lastUpdate: fromDbTime(totals.updatedAt),
      organizations: { party: totals.party, league: totals.league, pioneers: totals.pioneers },
      declarations: totals.declarations,
      timeZone,
      day,
      firstDay: milestones.firstDay,
      milestones: milestones.reached,
      next: nextMilestone(totals.people),
      log: { size: checkpoint.size, root: checkpoint.root, pending },
    };
  }

  function compare(
    stored: { daily: RecomputedCounter['daily']; breakdown: RecomputedCounter['breakdown']; total: number },
    fresh: RecomputedCounter,
  ): ReconcileReport {
    const key = (row: { day: string; declarations: number; people: number; party: number; league: number; pioneers: number }) =>
      `${row.declarations}|${row.people}|${row.party}|${row.league}|${row.pioneers}`;
    const storedDays = new Map(stored.daily.filter((row) => row.declarations !== 0).map((row) => [row.day, key(row)]));
    const freshDays = new Map(fresh.daily.map((row) => [row.day, key(row)]));
    const days = [...new Set([...storedDays.keys(), ...freshDays.keys()])]
      .filter((day) => storedDays.get(day) !== freshDays.get(day))
      .sort();
    const rowKey = (row: RecomputedCounter['breakdown'][number]) =>
      `${row.day}|${row.dimension}|${row.key}|${row.declarations}|${row.people}`;
    const storedRows = new Set(stored.breakdown.map(rowKey));
    const freshRows = new Set(fresh.breakdown.map(rowKey));
    const breakdownRowsDiffering =
      [...storedRows].filter((row) => !freshRows.has(row)).length + [...freshRows].filter((row) => !storedRows.has(row)).length;
    const recomputedTotal = fresh.daily.reduce((sum, row) => sum + row.people, 0);
    return {
      drift: days.length > 0 || breakdownRowsDiffering > 0 || stored.total !== recomputedTotal,
      totals: { stored: stored.total, recomputed: recomputedTotal },
      daysDiffering: days,
      breakdownRowsDiffering,
    };
  }

  const snapshots = new FreshValue(load, COUNTER_CACHE_MS, { name: 'counter snapshot', logger, clock });

  return {
    /** The counter as pages and APIs show it, at most COUNTER_CACHE_MS old; one database read at a time. */
    read: (): Promise<CounterSnapshot> => snapshots.get(),
    /** The snapshot read() would answer without waiting, or undefined when it must be read again. */
    current: (): CounterSnapshot | undefined => snapshots.current(),

    days: (from: string, to: string) => counter.days(db, from, to),
    breakdown: (dimension: 'region' | 'channel' | 'center', from: string, to: string) => counter.breakdown(db, dimension, from, to),

    /**
     * Recomputes every counter from the statements, repairs any drift, and
     * records the run in the audit log. Status changes wait while it runs.
     */
    async reconcile(actor: string): Promise<ReconcileReport> {
      const report = await db.transaction().execute(async (trx) => {
        await lockCounters(trx);
        const fresh = await counter.recompute(trx);
        const totals = await counter.totals(trx);
        const storedDaily = await counter.days(trx, '0000-01-01', '9999-12-31');
        const storedBreakdown = await counter.storedBreakdown(trx);
        const result = compare({ daily: storedDaily, breakdown: storedBreakdown, total: totals.people }, fresh);
        if (result.drift) await counter.replaceAll(trx, fresh, now());
        await audit.append(trx, {
          at: now(),
          actorId: null,
          actor,
          action: result.drift ? 'counts.repaired' : 'counts.verified',
          targetType: 'counts',
          targetId: null,
          details: { ...result, daysDiffering: result.daysDiffering.slice(0, 50) },
        });
        return result;
      });
      snapshots.clear();
      return report;
    },
  };
}

export type CounterService = ReturnType<typeof createCounterService>;
