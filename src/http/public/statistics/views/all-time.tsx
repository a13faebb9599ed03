import type { Catalog, Locale } from '../../../../i18n/index.ts';
import { numberFormat } from '../../../../i18n/formats.ts';
import { zonedDay } from '../../../../i18n/zoned-time.ts';
import { fullCount, shortCount } from '../../../../domain/counter/format-count.ts';
import type { Milestone } from '../../../../domain/counter/milestones.ts';
import { ChartFigure } from '../../../views/charts/chart-figure.tsx';
import { columnChartSvg } from '../../../views/charts/column-chart.ts';
import { allTimeMessages } from '../all-time-messages.ts';

export interface AllTimeFigures {
  /** People counted in each year, oldest first (both parts of the total). */
  years: readonly { year: string; people: number }[];
  milestones: readonly Milestone[];
  /** The current year, whose running total is still growing. */
  thisYear: string;
  timeZone: string;
}

/**
 * The whole history at a glance, whatever range the page shows: the running total at the end of each
 * year, and the day each milestone was reached.
 */
export function AllTimeSection({ t, locale, figures }: { t: Catalog; locale: Locale; figures: AllTimeFigures }) {
  const m = allTimeMessages(locale);
  // Every year from the first to this one: a year without statements carries the total over unchanged.
  const byYear = new Map(figures.years.map(({ year, people }) => [Number(year), people]));
  const first = figures.years[0] ? Number(figures.years[0].year) : Number(figures.thisYear) + 1;
  const columns: { key: string; label: string; value: number }[] = [];
  let running = 0;
  for (let year = first; year <= Number(figures.thisYear); year++) {
    running += byYear.get(year) ?? 0;
    columns.push({ key: String(year), label: String(year), value: running });
  }
  const last = columns.at(-1);
  const compact = numberFormat(t.lang, { notation: 'compact', maximumFractionDigits: 1 });
  const svg = last
    ? columnChartSvg({
        id: 'chart-all-time',
        title: m.chartTitle,
        description: m.describe(last.key, fullCount(last.value, locale)),
        columns,
        formatTick: (value) => compact.format(value),
        tickSteps: [1, 2, 5, 10],
      })
    : null;
  const yearLabel = (year: string) => (year === figures.thisYear ? m.thisYear(year) : year);
  return (
    <section class="counter" aria-labelledby="all-time-heading" id="all-time">
      <h2 id="all-time-heading">{m.heading}</h2>
      <ChartFigure
        latestFirst
        svg={svg}
        empty={m.noData}
        tableLabel={m.chartTitle}
        table={{
          columns: [m.columns.year, m.columns.total],
          rows: columns.map((column) => [yearLabel(column.key), fullCount(column.value, locale)]),
        }}
      />
      <h3>{m.milestonesHeading}</h3>
      {figures.milestones.length === 0 ? (
        <p class="hint">{m.noMilestones}</p>
      ) : (
        <ol class="timeline" id="milestones">
          {figures.milestones.map((milestone) => (
            <li>
              <time datetime={milestone.day}>{zonedDay(milestone.day, t, figures.timeZone)}</time>{' '}
              {m.milestone(shortCount(milestone.people, locale))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
