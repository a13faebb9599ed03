import { FIRST_CHARACTERS, SECOND_CHARACTERS } from '../../domain/alias/alias-generator.ts';
import { REGIONS } from '../../domain/declaration/regions.ts';

/**
 * Generates a realistic registry for development and benchmarks: posts spread
 * over the years since December 2004 with dips at Lunar New Year and in
 * summer, head-counts averaging about 13 people, the 7 organisation
 * combinations, a mix of regions and channels, a few retracted and duplicate
 * posts. Deterministic for a given seed. Never used for real data.
 */

export interface SeedPost {
  registrationNumber: string;
  names: string;
  nameCount: number;
  aliasKey: string;
  headcount: number;
  party: 0 | 1;
  league: 0 | 1;
  pioneers: 0 | 1;
  title: string;
  region: string | null;
  statement: string | null;
  channel: string;
  status: 'published' | 'retracted' | 'pending' | 'rejected';
  createdAt: string;
  publishedAt: string | null;
  countedDay: string;
  duplicateOf: number | null;
}

/** xorshift32: fast and good enough for synthetic data (never for secrets). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

// Lunar New Year's day, 2005–2027; the week around it sees far fewer declarations.
const LUNAR_NEW_YEAR = [
  '2005-02-09', '2006-01-29', '2007-02-18', '2008-02-07', '2009-01-26', '2010-02-14', '2011-02-03', '2012-01-23',
  '2013-02-10', '2014-01-31', '2015-02-19', '2016-02-08', '2017-01-28', '2018-02-16', '2019-02-05', '2020-01-25',
  '2021-02-12', '2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06',
].map((day) => Date.parse(`${day}T00:00:00Z`));

const DAY_MS = 86_400_000;
const START = Date.parse('2004-12-03T00:00:00Z');

/** How busy a day is relative to others: growth over the years, dips at New Year and in summer. */
export function dayWeight(dayStart: number): number {
  const years = (dayStart - START) / (365.25 * DAY_MS);
  let weight = 0.3 + Math.min(years, 8) / 8;
  const month = new Date(dayStart).getUTCMonth();
  if (month === 6 || month === 7) weight *= 0.75;
  if (LUNAR_NEW_YEAR.some((newYear) => Math.abs(dayStart - newYear) <= 4 * DAY_MS)) weight *= 0.35;
  return weight;
}

/** 55% one person, then families, then groups: a mean of about 13. */
function headcount(random: () => number): number {
  const r = random();
  if (r < 0.55) return 1;
  if (r < 0.7) return 2 + Math.floor(random() * 3);
  if (r < 0.9) return 5 + Math.floor(random() * 31);
  return 40 + Math.floor(random() * 81);
}

const ORG_COMBINATIONS: [0 | 1, 0 | 1, 0 | 1][] = [
  [1, 1, 1], [0, 1, 1], [0, 0, 1], [1, 0, 0], [0, 1, 0], [1, 1, 0], [1, 0, 1],
];
const ORG_WEIGHTS = [0.2, 0.35, 0.3, 0.03, 0.05, 0.04, 0.03];
const CHANNELS: [string, number][] = [
  ['web', 0.45], ['phone', 0.3], ['hotline', 0.08], ['in_person', 0.07], ['email', 0.05], ['fax', 0.03], ['letter', 0.02],
];
const STATEMENTS = [
  '我自愿退出中共及其相关组织。',
  '认清了真相，声明退出少先队，抹去兽印。',
  '为了家人的平安，我们全家声明三退。',
  '年轻时入了团，今天声明退出，愿中国早日自由。',
  null,
  null,
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted<T>(random: () => number, items: readonly T[], weights: readonly number[]): T {
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items.at(-1)!;
}

function luhn(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Unique without a lookup and in increasing order (so the unique index only
 * ever appends): a random start, then a random step of up to 450,000 per post,
 * which leaves room for 200 million posts. Seeded numbers start with 9.
 */
function registrationNumber(start: number, index: number, jitter: number): string {
  const body = `9${String(start + index * 450_000 + jitter).padStart(14, '0')}`;
  return body + luhn(body);
}

export interface SeedPlan {
  posts: number;
  seed: number;
  now: Date;
  /** Day (YYYY-MM-DD) a timestamp counts on; the counting zone's calendar. */
  countingDay: (at: Date) => string;
}

/** Yields posts in time order. */
export function* generatePosts(plan: SeedPlan): Generator<SeedPost> {
  const random = seededRandom(plan.seed);
  const end = Math.floor(plan.now.getTime() / DAY_MS) * DAY_MS;
  const days = Math.max(1, Math.round((end - START) / DAY_MS));
  const weights = Array.from({ length: days }, (_, day) => dayWeight(START + day * DAY_MS));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const start = Math.floor(random() * 1e12);
  const regions = REGIONS.map((region) => region.zh);
  // Posts come in time order, so the counting day can change only at a quarter hour (every zone offset is a multiple of 15 minutes): compute it once per quarter hour.
  let hourKey = -1;
  let hourDay = '';
  const dayOf = (at: Date) => {
    const key = Math.floor(at.getTime() / 900_000);
    if (key !== hourKey) {
      hourKey = key;
      hourDay = plan.countingDay(new Date(key * 900_000));
    }
    return hourDay;
  };
  let index = 0;
  let carry = 0;
  for (let day = 0; day < days && index < plan.posts; day++) {
    const exact = (plan.posts * weights[day]!) / totalWeight + carry;
    const count = day === days - 1 ? plan.posts - index : Math.floor(exact);
    carry = exact - count;
    for (let i = 0; i < count && index < plan.posts; i++, index++) {
      const at = new Date(START + day * DAY_MS + Math.floor(random() * DAY_MS));
      const first = pick(random, FIRST_CHARACTERS);
      const second = pick(random, SECOND_CHARACTERS);
      const alias = first + second;
      const people = headcount(random);
      const [party, league, pioneers] = weighted(random, ORG_COMBINATIONS, ORG_WEIGHTS);
      const r = random();
      const recent = plan.now.getTime() - at.getTime() < 2 * DAY_MS;
      const status = recent && r < 0.5 ? 'pending' : r < 0.005 ? 'retracted' : 'published';
      const published = new Date(at.getTime() + 3_600_000);
      // About one in 300 published posts repeats an earlier one; editors marked it and it was rejected.
      const duplicateOf = status === 'published' && index > 10 && r > 0.9967 ? 1 + Math.floor(random() * (index - 1)) : null;
      yield {
        registrationNumber: registrationNumber(start, index, Math.floor(random() * 450_000)),
        names: JSON.stringify([alias]),
        nameCount: 1,
        aliasKey: alias,
        headcount: people,
        party,
        league,
        pioneers,
        title: people > 1 ? `${alias}等${people}人声明退出中共党团队` : `${alias}声明三退`,
        region: random() < 0.8 ? pick(random, regions) : null,
        statement: pick(random, STATEMENTS),
        channel: weighted(
          random,
          CHANNELS.map(([channel]) => channel),
          CHANNELS.map(([, weight]) => weight),
        ),
        status: duplicateOf === null ? status : 'rejected',
        createdAt: at.toISOString(),
        publishedAt: status === 'pending' || duplicateOf !== null ? null : published.toISOString(),
        countedDay: dayOf(published),
        duplicateOf,
      };
    }
  }
}
