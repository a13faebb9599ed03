import { addDays } from '../../domain/counter/counting-day.ts';
import { daysInRange } from '../../domain/counter/day-range.ts';
import { dayWeight, seededRandom } from './seed-generator.ts';

/**
 * A synthetic export of the previous registry's day totals (docs/history.md), for trials of
 * `tuidang history import-totals`: every day from the movement's first to `until`, busier over the
 * years, quieter at Lunar New Year and in summer, with the milestones the movement published
 * reached on their dates. Each stretch between two milestones adds up to exactly the next one.
 */
const FIRST_DAY = '2004-12-03';
/** The day each hundred million was reached, as published; the running total reaches it on that day. */
const MILESTONES: readonly { day: string; total: number }[] = [
  { day: '2012-04-16', total: 100_000_000 },
  { day: '2016-08-22', total: 200_000_000 },
  { day: '2020-12-14', total: 300_000_000 },
  { day: '2022-08-03', total: 400_000_000 },
];
/** After the last milestone, about 42,000 people a day (the figure published for 2025). */
const RECENT_MEAN = 42_000;

const COLUMNS = 'date,people,posts,party,league,pioneers,source';

/** Splits `people` over the days in proportion to their weights, in whole numbers that add up exactly. */
function spread(people: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let running = 0;
  let given = 0;
  for (const weight of weights) {
    running += weight;
    const upTo = Math.round((people * running) / sum);
    out.push(upTo - given);
    given = upTo;
  }
  return out;
}

/** The lines of the export, header first, for every day from 2004-12-03 to `until` (YYYY-MM-DD). */
export function legacyTotalsCsv(until: string, seed = 20041203): string {
  const random = seededRandom(seed);
  const weightOf = (day: string) => dayWeight(Date.parse(`${day}T00:00:00Z`)) * (0.8 + 0.4 * random());
  const lines = [COLUMNS];
  let from = FIRST_DAY;
  let total = 0;
  const stretches = [...MILESTONES.filter((milestone) => milestone.day <= until), { day: until, total: Number.NaN }];
  for (const stretch of stretches) {
    if (from > stretch.day) break;
    const count = daysInRange(from, stretch.day);
    const days = Array.from({ length: count }, (_, index) => addDays(from, index));
    const weights = days.map(weightOf);
    const people = Number.isNaN(stretch.total) ? Math.round(RECENT_MEAN * count * (0.97 + 0.06 * random())) : stretch.total - total;
    const figures = spread(people, weights);
    days.forEach((day, index) => {
      const dayPeople = figures[index]!;
      const share = (low: number, spreadBy: number) => Math.min(dayPeople, Math.round(dayPeople * (low + spreadBy * random())));
      const posts = Math.max(1, Math.round(dayPeople / (11 + 4 * random())));
      lines.push(`${day},${dayPeople},${posts},${share(0.25, 0.1)},${share(0.3, 0.1)},${share(0.75, 0.1)},synthetic export (tuidang seed)`);
      total += dayPeople;
    });
    from = addDays(stretch.day, 1);
  }
  return `${lines.join('\n')}\n`;
}
