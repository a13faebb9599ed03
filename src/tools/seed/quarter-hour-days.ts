import { countingDay } from '../../domain/counter/counting-day.ts';

const QUARTER_HOUR_MS = 900_000;

/**
 * The counting day of each quarter hour in a span, with a handful of time-zone
 * lookups instead of one per post (a lookup costs about a microsecond). Every
 * zone offset is a multiple of 15 minutes, so the day can change only at a
 * quarter hour; and the date in a zone never goes back as time goes on, so
 * when both ends of a stretch fall on the same day, all of it does: the span is
 * halved only where the ends differ.
 */
export class QuarterHourDays {
  private first = 0;
  private days: string[] = [];

  constructor(private readonly timeZone: string) {}

  /** Makes `dayOf` answer for instants in [from, to). */
  cover(from: number, to: number): void {
    this.first = Math.floor(from / QUARTER_HOUR_MS);
    const last = Math.floor((to - 1) / QUARTER_HOUR_MS);
    this.days = new Array<string>(last - this.first + 1);
    this.fill(0, last - this.first, this.lookup(0), this.lookup(last - this.first));
  }

  /** The counting day of an instant inside the covered span. */
  dayOf(at: number): string {
    return this.days[Math.floor(at / QUARTER_HOUR_MS) - this.first]!;
  }

  private lookup(offset: number): string {
    return countingDay(new Date((this.first + offset) * QUARTER_HOUR_MS), this.timeZone);
  }

  private fill(low: number, high: number, lowDay: string, highDay: string): void {
    if (lowDay === highDay) {
      this.days.fill(lowDay, low, high + 1);
    } else if (high - low <= 1) {
      this.days[low] = lowDay;
      this.days[high] = highDay;
    } else {
      const middle = (low + high) >>> 1;
      const middleDay = this.lookup(middle);
      this.fill(low, middle, lowDay, middleDay);
      this.fill(middle, high, middleDay, highDay);
    }
  }
}
