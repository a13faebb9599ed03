import { FIRST_CHARACTERS, SECOND_CHARACTERS } from '../../domain/alias/alias-generator.ts';
import { REGIONS } from '../../domain/declaration/regions.ts';
import { IsoTimes } from './iso-times.ts';
import { QuarterHourDays } from './quarter-hour-days.ts';

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
  '2005-02-09',
  '2006-01-29',
  '2007-02-18',
  '2008-02-07',
  '2009-01-26',
  '2010-02-14',
  '2011-02-03',
  '2012-01-23',
  '2013-02-10',
  '2014-01-31',
  '2015-02-19',
  '2016-02-08',
  '2017-01-28',
  '2018-02-16',
  '2019-02-05',
  '2020-01-25',
  '2021-02-12',
  '2022-02-01',
  '2023-01-22',
  '2024-02-10',
  '2025-01-29',
  '2026-02-17',
  '2027-02-06',
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

/** A random draw among weighted items, their total added up once. */
class WeightedChoice<T> {
  private readonly items: readonly T[];
  private readonly weights: readonly number[];
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map(([item]) => item);
    this.weights = entries.map(([, weight]) => weight);
    this.total = this.weights.reduce((a, b) => a + b, 0);
  }

  pick(random: () => number): T {
    let r = random() * this.total;
    for (let i = 0; i < this.items.length; i++) {
      r -= this.weights[i]!;
      if (r < 0) return this.items[i]!;
    }
    return this.items.at(-1)!;
  }
}

const ORGANIZATIONS = new WeightedChoice<readonly [0 | 1, 0 | 1, 0 | 1]>([
  [[1, 1, 1], 0.2],
  [[0, 1, 1], 0.35],
  [[0, 0, 1], 0.3],
  [[1, 0, 0], 0.03],
  [[0, 1, 0], 0.05],
  [[1, 1, 0], 0.04],
  [[1, 0, 1], 0.03],
]);
const CHANNELS = new WeightedChoice([
  ['web', 0.45],
  ['phone', 0.3],
  ['hotline', 0.08],
  ['in_person', 0.07],
  ['email', 0.05],
  ['fax', 0.03],
  ['letter', 0.02],
] as const);
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

/** The Luhn sum of a small integer's decimal digits, its last digit being digit number `position` from the right. */
function luhnSum(n: number, position: number): number {
  let sum = 0;
  for (let i = position; n > 0; n = Math.floor(n / 10), i++) {
    let digit = n % 10;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}

/**
 * Unique without a lookup and in increasing order (so the unique index only
 * ever appends): a random start, then a random step of up to 450,000 per post,
 * which leaves room for 200 million posts. Seeded numbers start with 9: a 9
 * and 14 digits, the number 9 × 10^14 plus the steps, then the Luhn digit. It
 * is made in halves of 7 and 8 digits: small integers become text several
 * times faster than a 15-digit one.
 */
function registrationNumber(start: number, index: number, jitter: number): string {
  const body = 9e14 + start + index * 450_000 + jitter;
  const high = Math.floor(body / 1e8);
  const low = body - high * 1e8;
  const check = (10 - ((luhnSum(low, 0) + luhnSum(high, 8)) % 10)) % 10;
  return `${high}${String(1e8 + low).slice(1)}${check}`;
}

export interface SeedPlan {
  posts: number;
  seed: number;
  now: Date;
  /** The counting zone: a post counts on the day of its publication there. */
  timeZone: string;
}

const PUBLICATION_DELAY_MS = 3_600_000;

/** Every alias (a first and a second character) and its list of names, made once. */
const ALIASES = FIRST_CHARACTERS.flatMap((first) => SECOND_CHARACTERS.map((second) => first + second));
const ALIAS_NAMES = ALIASES.map((alias) => JSON.stringify([alias]));

/**
 * A title per alias and head-count, each made once: a few hundred thousand
 * strings, so that later steps meet the same string again, its hash already
 * computed, instead of a new one per post.
 */
class Titles {
  private readonly made = new Map<number, string>();

  of(aliasIndex: number, people: number): string {
    const key = aliasIndex * 1024 + people;
    let title = this.made.get(key);
    if (title === undefined) {
      const alias = ALIASES[aliasIndex]!;
      title = people > 1 ? `${alias}等${people}人声明退出中共党团队` : `${alias}声明三退`;
      this.made.set(key, title);
    }
    return title;
  }
}

/** Yields posts in time order. */
export function* generatePosts(plan: SeedPlan): Generator<SeedPost> {
  const random = seededRandom(plan.seed);
  const now = plan.now.getTime();
  const end = Math.floor(now / DAY_MS) * DAY_MS;
  const days = Math.max(1, Math.round((end - START) / DAY_MS));
  const weights = Array.from({ length: days }, (_, day) => dayWeight(START + day * DAY_MS));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const start = Math.floor(random() * 1e12);
  const regions = REGIONS.map((region) => region.zh);
  const countingDays = new QuarterHourDays(plan.timeZone);
  const times = new IsoTimes();
  const titles = new Titles();
  let index = 0;
  let carry = 0;
  for (let day = 0; day < days && index < plan.posts; day++) {
    const dayStart = START + day * DAY_MS;
    const exact = (plan.posts * weights[day]!) / totalWeight + carry;
    const count = day === days - 1 ? plan.posts - index : Math.floor(exact);
    carry = exact - count;
    if (count > 0) countingDays.cover(dayStart + PUBLICATION_DELAY_MS, dayStart + DAY_MS + PUBLICATION_DELAY_MS);
    for (let i = 0; i < count && index < plan.posts; i++, index++) {
      const at = dayStart + Math.floor(random() * DAY_MS);
      const first = Math.floor(random() * FIRST_CHARACTERS.length);
      const second = Math.floor(random() * SECOND_CHARACTERS.length);
      const aliasIndex = first * SECOND_CHARACTERS.length + second;
      const people = headcount(random);
      const [party, league, pioneers] = ORGANIZATIONS.pick(random);
      const r = random();
      const recent = now - at < 2 * DAY_MS;
      const status = recent && r < 0.5 ? 'pending' : r < 0.005 ? 'retracted' : 'published';
      const published = at + PUBLICATION_DELAY_MS;
      // About one in 300 published posts repeats an earlier one; editors marked it and it was rejected.
      const duplicateOf = status === 'published' && index > 10 && r > 0.9967 ? 1 + Math.floor(random() * (index - 1)) : null;
      const alias = ALIASES[aliasIndex]!;
      yield {
        registrationNumber: registrationNumber(start, index, Math.floor(random() * 450_000)),
        names: ALIAS_NAMES[aliasIndex]!,
        nameCount: 1,
        aliasKey: alias,
        headcount: people,
        party,
        league,
        pioneers,
        title: titles.of(aliasIndex, people),
        region: random() < 0.8 ? pick(random, regions) : null,
        statement: pick(random, STATEMENTS),
        channel: CHANNELS.pick(random),
        status: duplicateOf === null ? status : 'rejected',
        createdAt: times.format(at),
        publishedAt: status === 'pending' || duplicateOf !== null ? null : times.format(published),
        countedDay: countingDays.dayOf(published),
        duplicateOf,
      };
    }
  }
}
