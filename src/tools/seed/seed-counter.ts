import { regionKey } from '../../domain/counter/region-key.ts';
import type { BreakdownRow, DailyFigures, RecomputedCounter } from '../../repositories/counter-repository.ts';
import type { SeedPost } from './seed-generator.ts';
import { SHARED_VALUES } from './seed-rows.ts';

/** One counting day: its figures and its rows by region and by channel (seeded posts have no center and are all public). */
interface Day {
  figures: DailyFigures;
  regions: Map<string, BreakdownRow>;
  channels: Map<string, BreakdownRow>;
  center: BreakdownRow;
  admission: BreakdownRow;
}

function breakdownRow(day: string, dimension: BreakdownRow['dimension'], key: string): BreakdownRow {
  return { day, dimension, key, declarations: 0, people: 0 };
}

function count(row: BreakdownRow, people: number): void {
  row.declarations += 1;
  row.people += people;
}

/**
 * Adds up, while generating, what the counters must say; written once at the
 * end. Keyed by the post's own strings (no key built per post): a few
 * lookups per post, with hashes computed once.
 */
export class CounterAccumulator {
  private readonly days = new Map<string, Day>();
  private last: Day | undefined;
  // Folding a region costs microseconds and seeded posts use a few dozen regions.
  private readonly regionKeys = new Map<string | null, string>();

  add(post: SeedPost): void {
    if (post.status !== 'published' || post.duplicateOf !== null) return;
    // Posts come day by day: mostly the same day as the one before.
    let day = this.last?.figures.day === post.countedDay ? this.last : this.days.get(post.countedDay);
    if (day === undefined) {
      const date = post.countedDay;
      day = {
        figures: { day: date, declarations: 0, people: 0, party: 0, league: 0, pioneers: 0 },
        regions: new Map(),
        channels: new Map(),
        center: breakdownRow(date, 'center', 'none'),
        admission: breakdownRow(date, 'admission', SHARED_VALUES.admission),
      };
      this.days.set(date, day);
    }
    this.last = day;
    const people = post.headcount;
    const figures = day.figures;
    figures.declarations += 1;
    figures.people += people;
    figures.party += post.party * people;
    figures.league += post.league * people;
    figures.pioneers += post.pioneers * people;
    let region = this.regionKeys.get(post.region);
    if (region === undefined) {
      region = regionKey(post.region);
      this.regionKeys.set(post.region, region);
    }
    let byRegion = day.regions.get(region);
    if (byRegion === undefined) {
      byRegion = breakdownRow(figures.day, 'region', region);
      day.regions.set(region, byRegion);
    }
    count(byRegion, people);
    let byChannel = day.channels.get(post.channel);
    if (byChannel === undefined) {
      byChannel = breakdownRow(figures.day, 'channel', post.channel);
      day.channels.set(post.channel, byChannel);
    }
    count(byChannel, people);
    count(day.center, people);
    count(day.admission, people);
  }

  /** Plain rows, days in order: what counterRepository.replaceAll takes (and a worker can send). */
  result(): RecomputedCounter {
    const days = [...this.days.values()].sort((a, b) => a.figures.day.localeCompare(b.figures.day));
    return {
      daily: days.map((day) => day.figures),
      breakdown: days.flatMap((day) => [...day.regions.values(), ...day.channels.values(), day.center, day.admission]),
    };
  }
}
