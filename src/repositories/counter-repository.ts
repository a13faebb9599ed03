import { sql } from 'kysely';
import type { Admission, BreakdownDimension } from '../db/schema.ts';
import { toDbTime } from '../db/time.ts';
import { regionKey } from '../domain/counter/region-key.ts';
import type { Executor } from './executor.ts';

/** What a counted declaration contributes, taken from its row. */
export interface CountedDeclaration {
  countedDay: string;
  headcount: number;
  party: number;
  league: number;
  pioneers: number;
  region: string | null;
  channel: string;
  centerId: number | null;
  admission: Admission;
}

export interface Figures {
  declarations: number;
  people: number;
  party: number;
  league: number;
  pioneers: number;
}

export interface DailyFigures extends Figures {
  day: string;
}

export interface BreakdownRow {
  day: string;
  dimension: BreakdownDimension;
  key: string;
  declarations: number;
  people: number;
}

export interface RecomputedCounter {
  daily: DailyFigures[];
  breakdown: BreakdownRow[];
}

const ZERO: Figures = { declarations: 0, people: 0, party: 0, league: 0, pioneers: 0 };

const centerKey = (centerId: number | null) => (centerId === null ? 'none' : String(centerId));

function breakdownKeys(entry: CountedDeclaration): [BreakdownDimension, string][] {
  return [
    ['region', regionKey(entry.region)],
    ['channel', entry.channel],
    ['center', centerKey(entry.centerId)],
    ['admission', entry.admission],
  ];
}

/** Each breakdown dimension: the column it is read from and how a value becomes its key (as breakdownKeys does). */
const BREAKDOWN_SOURCES = [
  { dimension: 'region', column: 'region', key: (value: unknown) => regionKey(value as string | null) },
  { dimension: 'channel', column: 'channel', key: (value: unknown) => String(value) },
  { dimension: 'center', column: 'center_id', key: (value: unknown) => centerKey(value === null ? null : Number(value)) },
  { dimension: 'admission', column: 'admission', key: (value: unknown) => String(value) },
] as const;

const num = (value: unknown) => Number(value ?? 0);

/**
 * The counters: one all-time row, one row per day, and per-day breakdowns by
 * region, channel, center and admission class. `apply` runs inside the transaction that changes
 * a declaration's status, so the counts can never disagree with the statements.
 */
export const counterRepository = {
  async apply(trx: Executor, entry: CountedDeclaration, sign: 1 | -1, at: Date): Promise<void> {
    await counterRepository.applyMany(trx, [entry], sign, at);
  },

  /**
   * Counts (or uncounts) many declarations at once: their deltas summed per row of the counters, so a
   * batch of 500 publications costs a statement per day and breakdown key, not ten per declaration.
   */
  async applyMany(trx: Executor, entries: readonly CountedDeclaration[], sign: 1 | -1, at: Date): Promise<void> {
    if (entries.length === 0) return;
    type Delta = { declarations: number; people: number; party: number; league: number; pioneers: number };
    const add = (into: Delta, entry: CountedDeclaration) => {
      const people = sign * entry.headcount;
      into.declarations += sign;
      into.people += people;
      into.party += entry.party ? people : 0;
      into.league += entry.league ? people : 0;
      into.pioneers += entry.pioneers ? people : 0;
    };
    const zero = (): Delta => ({ declarations: 0, people: 0, party: 0, league: 0, pioneers: 0 });
    const total = zero();
    const days = new Map<string, Delta>();
    const breakdowns = new Map<string, { day: string; dimension: BreakdownDimension; key: string; delta: Delta }>();
    for (const entry of entries) {
      add(total, entry);
      let day = days.get(entry.countedDay);
      if (!day) {
        day = zero();
        days.set(entry.countedDay, day);
      }
      add(day, entry);
      for (const [dimension, key] of breakdownKeys(entry)) {
        const id = `${entry.countedDay}\u0000${dimension}\u0000${key}`;
        let breakdown = breakdowns.get(id);
        if (!breakdown) {
          breakdown = { day: entry.countedDay, dimension, key, delta: zero() };
          breakdowns.set(id, breakdown);
        }
        add(breakdown.delta, entry);
      }
    }
    await trx
      .updateTable('counter_totals')
      .set((eb) => ({
        declarations: eb('declarations', '+', total.declarations),
        people: eb('people', '+', total.people),
        party: eb('party', '+', total.party),
        league: eb('league', '+', total.league),
        pioneers: eb('pioneers', '+', total.pioneers),
        updated_at: toDbTime(at),
      }))
      .where('id', '=', 1)
      .execute();
    for (const [day, delta] of days) {
      await trx
        .insertInto('daily_totals')
        .values({ day, ...delta })
        .onConflict((conflict) =>
          conflict.column('day').doUpdateSet((eb) => ({
            declarations: eb('daily_totals.declarations', '+', eb.ref('excluded.declarations')),
            people: eb('daily_totals.people', '+', eb.ref('excluded.people')),
            party: eb('daily_totals.party', '+', eb.ref('excluded.party')),
            league: eb('daily_totals.league', '+', eb.ref('excluded.league')),
            pioneers: eb('daily_totals.pioneers', '+', eb.ref('excluded.pioneers')),
          })),
        )
        .execute();
    }
    for (const { day, dimension, key, delta } of breakdowns.values()) {
      await trx
        .insertInto('daily_breakdown')
        .values({ day, dimension, key, declarations: delta.declarations, people: delta.people })
        .onConflict((conflict) =>
          conflict.columns(['day', 'dimension', 'key']).doUpdateSet((eb) => ({
            declarations: eb('daily_breakdown.declarations', '+', eb.ref('excluded.declarations')),
            people: eb('daily_breakdown.people', '+', eb.ref('excluded.people')),
          })),
        )
        .execute();
    }
  },

  /**
   * A counted declaration's region was edited (a redaction): its people move from the old
   * region's breakdown to the new one on the day they were counted. Totals do not change.
   */
  async moveRegion(trx: Executor, entry: { countedDay: string; headcount: number; from: string | null; to: string | null }): Promise<void> {
    const from = regionKey(entry.from);
    const to = regionKey(entry.to);
    if (from === to) return;
    for (const [key, sign] of [
      [from, -1],
      [to, 1],
    ] as const) {
      await trx
        .insertInto('daily_breakdown')
        .values({ day: entry.countedDay, dimension: 'region', key, declarations: sign, people: sign * entry.headcount })
        .onConflict((conflict) =>
          conflict.columns(['day', 'dimension', 'key']).doUpdateSet((eb) => ({
            declarations: eb('daily_breakdown.declarations', '+', eb.ref('excluded.declarations')),
            people: eb('daily_breakdown.people', '+', eb.ref('excluded.people')),
          })),
        )
        .execute();
    }
  },

  async totals(db: Executor): Promise<Figures & { updatedAt: string | Date }> {
    const row = await db.selectFrom('counter_totals').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    return {
      declarations: num(row.declarations),
      people: num(row.people),
      party: num(row.party),
      league: num(row.league),
      pioneers: num(row.pioneers),
      updatedAt: row.updated_at,
    };
  },

  /** Sum of the days in [from, to], both inclusive (YYYY-MM-DD). */
  async sumDays(db: Executor, from: string, to: string): Promise<Figures> {
    const row = await db
      .selectFrom('daily_totals')
      .select((eb) => [
        eb.fn.sum<number>('declarations').as('declarations'),
        eb.fn.sum<number>('people').as('people'),
        eb.fn.sum<number>('party').as('party'),
        eb.fn.sum<number>('league').as('league'),
        eb.fn.sum<number>('pioneers').as('pioneers'),
      ])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .executeTakeFirst();
    return row
      ? {
          declarations: num(row.declarations),
          people: num(row.people),
          party: num(row.party),
          league: num(row.league),
          pioneers: num(row.pioneers),
        }
      : { ...ZERO };
  },

  async days(db: Executor, from: string, to: string): Promise<DailyFigures[]> {
    const rows = await db.selectFrom('daily_totals').selectAll().where('day', '>=', from).where('day', '<=', to).orderBy('day').execute();
    return rows.map((row) => ({
      day: row.day,
      declarations: num(row.declarations),
      people: num(row.people),
      party: num(row.party),
      league: num(row.league),
      pioneers: num(row.pioneers),
    }));
  },

  /** Every day's people, oldest first: milestones are found by running sums over these. */
  async allDays(db: Executor): Promise<{ day: string; people: number }[]> {
    const rows = await db.selectFrom('daily_totals').select(['day', 'people']).orderBy('day').execute();
    return rows.map((row) => ({ day: row.day, people: num(row.people) }));
  },

  async breakdown(db: Executor, dimension: BreakdownDimension, from: string, to: string) {
    const rows = await db
      .selectFrom('daily_breakdown')
      .select((eb) => ['key', eb.fn.sum<number>('declarations').as('declarations'), eb.fn.sum<number>('people').as('people')])
      .where('dimension', '=', dimension)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy('key')
      .orderBy('people', 'desc')
      .execute();
    return rows.map((row) => ({ key: row.key, declarations: num(row.declarations), people: num(row.people) }));
  },

  /**
   * The counts as the statements say they should be: what reconciliation
   * compares with, and what it writes back when they drift.
   */
  async recompute(db: Executor): Promise<RecomputedCounter> {
    const counted = db
      .selectFrom('declarations')
      .where('status', '=', 'published')
      .where('duplicate_of', 'is', null)
      .where('counted_day', 'is not', null);
    const daily = await counted
      .select((eb) => [
        'counted_day as day',
        eb.fn.countAll<number>().as('declarations'),
        eb.fn.sum<number>('headcount').as('people'),
        eb.fn.sum<number>(sql`headcount * party`).as('party'),
        eb.fn.sum<number>(sql`headcount * league`).as('league'),
        eb.fn.sum<number>(sql`headcount * pioneers`).as('pioneers'),
      ])
      .groupBy('counted_day')
      .orderBy('counted_day')
      .execute();
    // Grouped in the database, one dimension at a time: rows per day and distinct value, never one per
    // declaration (ten million of those do not fit the server's heap). Values that share a key
    // (regions spelled differently) are added together here.
    const breakdown = new Map<string, BreakdownRow>();
    for (const source of BREAKDOWN_SOURCES) {
      const groups = await counted
        .select((eb) => [
          'counted_day as day',
          eb.ref(source.column).as('value'),
          eb.fn.countAll<number>().as('declarations'),
          eb.fn.sum<number>('headcount').as('people'),
        ])
        .groupBy(['counted_day', source.column])
        .execute();
      for (const group of groups) {
        const key = source.key(group.value);
        const id = `${group.day}|${source.dimension}|${key}`;
        const entry = breakdown.get(id) ?? { day: group.day!, dimension: source.dimension, key, declarations: 0, people: 0 };
        entry.declarations += num(group.declarations);
        entry.people += num(group.people);
        breakdown.set(id, entry);
      }
    }
    return {
      daily: daily.map((row) => ({
        day: row.day as string,
        declarations: num(row.declarations),
        people: num(row.people),
        party: num(row.party),
        league: num(row.league),
        pioneers: num(row.pioneers),
      })),
      breakdown: [...breakdown.values()].sort((a, b) =>
        `${a.day}|${a.dimension}|${a.key}`.localeCompare(`${b.day}|${b.dimension}|${b.key}`),
      ),
    };
  },

  async storedBreakdown(db: Executor): Promise<BreakdownRow[]> {
    const rows = await db.selectFrom('daily_breakdown').selectAll().where('declarations', '!=', 0).execute();
    return rows
      .map((row) => ({
        day: row.day,
        dimension: row.dimension,
        key: row.key,
        declarations: num(row.declarations),
        people: num(row.people),
      }))
      .sort((a, b) => `${a.day}|${a.dimension}|${a.key}`.localeCompare(`${b.day}|${b.dimension}|${b.key}`));
  },

  /** Replaces every counter with the recomputed values, in the caller's transaction. */
  async replaceAll(trx: Executor, recomputed: RecomputedCounter, at: Date): Promise<void> {
    await trx.deleteFrom('daily_breakdown').execute();
    await trx.deleteFrom('daily_totals').execute();
    const totals = { ...ZERO };
    for (const day of recomputed.daily) {
      totals.declarations += day.declarations;
      totals.people += day.people;
      totals.party += day.party;
      totals.league += day.league;
      totals.pioneers += day.pioneers;
    }
    // Several hundred rows per statement: 20 years of days and breakdowns are written in seconds.
    for (let i = 0; i < recomputed.daily.length; i += 500) {
      await trx
        .insertInto('daily_totals')
        .values(recomputed.daily.slice(i, i + 500))
        .execute();
    }
    for (let i = 0; i < recomputed.breakdown.length; i += 500) {
      await trx
        .insertInto('daily_breakdown')
        .values(recomputed.breakdown.slice(i, i + 500))
        .execute();
    }
    await trx
      .updateTable('counter_totals')
      .set({ ...totals, updated_at: toDbTime(at) })
      .where('id', '=', 1)
      .execute();
  },
};

export type CounterRepository = typeof counterRepository;
