import type { Kysely } from 'kysely';
import { lockCounters } from '../db/engine.ts';
import type { Database } from '../db/schema.ts';
import { fromDbTime } from '../db/time.ts';
import { addDays, countingDay, monthStart, weekStart } from '../domain/counter/counting-day.ts';
import { firstCountedDay, sumByYear, type DayFigures } from '../domain/counter/day-range.ts';
import { nextMilestone, reachedMilestones, type Milestone } from '../domain/counter/milestones.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { CounterRepository, RecomputedCounter } from '../repositories/counter-repository.ts';
import type { CarriedDay, HistoryRepository } from '../repositories/history-repository.ts';
import type { Logger } from '../logging/logger.ts';
import { FreshValue } from './fast-lane/fresh-value.ts';
import { checkCarried, type CarriedReport } from './history/carried-check.ts';

/** How stale a served counter may be: the "aggregation interval" caches may use as max-age. */
export const COUNTER_CACHE_MS = 1000;

export interface CounterSnapshot {
  /** inRegistry + carriedOver: the figure every surface shows (docs/history.md). */
  total: number;
  /** People in statements held here. */
  inRegistry: number;
  /** People carried over from the previous registry's day totals. */
  carriedOver: number;
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
  /** Either part drifted. */
  drift: boolean;
  /** The statements held here: the figures below are theirs. */
  totals: { stored: number; recomputed: number };
  daysDiffering: string[];
  breakdownRowsDiffering: number;
  /** The carried-over part, checked against the legacy day totals. */
  carried: CarriedReport;
}

/**
 * Two lists of days, each oldest first, as one (the people of a day in both added): a single pass,
 * as it runs on every change of the total, over some 8,000 carried-over days.
 */
function mergeDays(a: readonly { day: string; people: number }[], b: readonly { day: string; people: number }[]) {
  const merged: { day: string; people: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const left = a[i]!;
    const right = b[j]!;
    if (left.day === right.day) {
      merged.push({ day: left.day, people: left.people + right.people });
      i++;
      j++;
    } else if (left.day < right.day) {
      merged.push(left);
      i++;
    } else {
      merged.push(right);
      j++;
    }
  }
  return [...merged, ...a.slice(i), ...b.slice(j)];
}

export interface CounterServiceDeps {
  db: Kysely<Database>;
  counter: CounterRepository;
  history: HistoryRepository;
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
  history,
  audit,
  timeZone,
  logger,
  now = () => new Date(),
  clock = Date.now,
  logState,
}: CounterServiceDeps) {
  let milestones: { key: string; reached: Milestone[]; firstDay: string } | undefined;
  // The carried-over days behind the milestones: thousands of rows, read again only when they change.
  let carriedHistory: { key: string; days: CarriedDay[] } | undefined;

  async function allCarriedDays(key: string): Promise<CarriedDay[]> {
    if (carriedHistory?.key !== key) carriedHistory = { key, days: await history.carriedDays(db, '0000-01-01', '9999-12-31') };
    return carriedHistory.days;
  }

  async function load(): Promise<CounterSnapshot> {
    const at = now();
    const day = countingDay(at, timeZone);
    const yesterday = addDays(day, -1);
    const recent = [yesterday, weekStart(day), monthStart(day)].sort()[0]!;
    const [totals, today, lastDay, week, month, carried, carriedRecent] = await Promise.all([
      counter.totals(db),
      counter.sumDays(db, day, day),
      counter.sumDays(db, yesterday, yesterday),
      counter.sumDays(db, weekStart(day), day),
      counter.sumDays(db, monthStart(day), day),
      history.carriedTotals(db),
      history.carriedDays(db, recent, day),
    ]);
    // After the totals, the queue, then the checkpoint: a change or a batch between two reads can only
    // make `pending` larger than it is, never claim a count the checkpoint does not hold.
    const pending = await logState.pending();
    const checkpoint = await logState.checkpoint();
    const carriedIn = (from: string, to: string) =>
      carriedRecent.filter((row) => row.day >= from && row.day <= to).reduce((sum, row) => sum + row.people, 0);
    const total = totals.people + carried.people;
    // Milestone days, and the first counted day, only move when a part of the total does.
    const carriedKey = `${carried.days}|${carried.people}|${fromDbTime(carried.updatedAt).toISOString()}`;
    const key = `${totals.people}|${carriedKey}`;
    if (milestones?.key !== key) {
      const days = mergeDays(await counter.allDays(db), await allCarriedDays(carriedKey));
      milestones = { key, reached: reachedMilestones(days), firstDay: firstCountedDay(days[0]?.day ?? null) };
    }
    const updatedAt = fromDbTime(totals.updatedAt);
    const carriedAt = fromDbTime(carried.updatedAt);
    return {
      total,
      inRegistry: totals.people,
      carriedOver: carried.people,
      today: today.people + carriedIn(day, day),
      yesterday: lastDay.people + carriedIn(yesterday, yesterday),
      thisWeek: week.people + carriedIn(weekStart(day), day),
      thisMonth: month.people + carriedIn(monthStart(day), day),
      lastUpdate: carried.days > 0 && carriedAt > updatedAt ? carriedAt : updatedAt,
      organizations: {
        party: totals.party + carried.party,
        league: totals.league + carried.league,
        pioneers: totals.pioneers + carried.pioneers,
      },
      declarations: totals.declarations,
      timeZone,
      day,
      firstDay: milestones.firstDay,
      milestones: milestones.reached,
      next: nextMilestone(total),
      log: { size: checkpoint.size, root: checkpoint.root, pending },
    };
  }

  /** The days of [from, to] that have figures, each with both parts. */
  async function days(from: string, to: string): Promise<DayFigures[]> {
    const [registered, carried] = await Promise.all([counter.days(db, from, to), history.carriedDays(db, from, to)]);
    const byDay = new Map<string, DayFigures>();
    for (const row of registered) byDay.set(row.day, { ...row, inRegistry: row.people, carriedOver: 0 });
    for (const row of carried) {
      const entry = byDay.get(row.day) ?? {
        day: row.day,
        declarations: 0,
        people: 0,
        party: 0,
        league: 0,
        pioneers: 0,
        inRegistry: 0,
        carriedOver: 0,
      };
      entry.people += row.people;
      entry.party += row.party;
      entry.league += row.league;
      entry.pioneers += row.pioneers;
      entry.carriedOver = row.people;
      byDay.set(row.day, entry);
    }
    return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  let years: { key: string; years: ReturnType<typeof sumByYear> } | undefined;

  function compare(
    stored: { daily: RecomputedCounter['daily']; breakdown: RecomputedCounter['breakdown']; total: number },
    fresh: RecomputedCounter,
  ): Omit<ReconcileReport, 'carried'> {
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
    /**
     * Seconds since the counter served now was read: how long a publication committed since then waits
     * to be shown (counter_totals move in the publication's own transaction). 0 when a read is due.
     */
    lagSeconds: (): number => (snapshots.age() ?? 0) / 1000,

    days,
    /**
     * Every year since the first day, both parts apart; read again only when a count or the day moved.
     * A snapshot is read every second, and reading every day since 2004 costs 10–35 ms of CPU at 34
     * million posts: the statistics page's refresh would pay it each second for the same figures.
     */
    async years(): Promise<ReturnType<typeof sumByYear>> {
      const snapshot = await snapshots.get();
      const key = `${snapshot.day}|${snapshot.declarations}|${snapshot.inRegistry}|${snapshot.carriedOver}|${snapshot.lastUpdate.getTime()}`;
      if (years?.key !== key) years = { key, years: sumByYear(await days(snapshot.firstDay, snapshot.day)) };
      return years.years;
    },
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
        const registered = compare({ daily: storedDaily, breakdown: storedBreakdown, total: totals.people }, fresh);
        if (registered.drift) await counter.replaceAll(trx, fresh, now());
        const carried = await checkCarried(trx, history, now());
        const result: ReconcileReport = { ...registered, drift: registered.drift || carried.drift, carried };
        await audit.append(trx, {
          at: now(),
          actorId: null,
          actor,
          action: result.drift ? 'counts.repaired' : 'counts.verified',
          targetType: 'counts',
          targetId: null,
          details: {
            ...result,
            daysDiffering: result.daysDiffering.slice(0, 50),
            carried: {
              ...carried,
              daysDiffering: carried.daysDiffering.slice(0, 50),
              importedDaysDiffering: carried.importedDaysDiffering.slice(0, 50),
            },
          },
        });
        return result;
      });
      snapshots.clear();
      return report;
    },
  };
}

export type CounterService = ReturnType<typeof createCounterService>;
