import type { Catalog, Locale } from '../../../../i18n/index.ts';
import { dateTimeFormat, numberFormat } from '../../../../i18n/formats.ts';
import { inReaderScript } from '../../../../i18n/script-conversion.ts';
import { zoneName } from '../../../../i18n/zoned-time.ts';
import { fullCount } from '../../../../domain/counter/format-count.ts';
import { earliestFrom, fillDays, sumByYear, sumFigures, type RangeProblem } from '../../../../domain/counter/day-range.ts';
import { REGIONS } from '../../../../domain/declaration/regions.ts';
import type { CounterService } from '../../../../services/counter-service.ts';
import { barListChartSvg, type Bar } from '../../../views/charts/bar-list-chart.ts';
import { ChartFigure } from '../../../views/charts/chart-figure.tsx';
import { columnChartSvg } from '../../../views/charts/column-chart.ts';
import { granularityFor, toPeriods, type Granularity, type Period } from '../../../views/charts/periods.ts';
import { ERROR_SUMMARY, Layout, type PageProps } from '../../../views/layout.tsx';
import type { AdmissionCount } from '../../../../services/flood/admission-counts.ts';
import { AdmissionBlock } from './admission-block.tsx';
import { historyMessages } from '../history-messages.ts';
import { statisticsMessages, type StatisticsMessages } from '../messages.ts';
import { AllTimeSection, type AllTimeFigures } from './all-time.tsx';
import { PartsTable } from './history-parts.tsx';

const REGION_TOP = 10;

export type BaseProps = Omit<PageProps, 'title' | 'path' | 'children'>;

/** The counting zone by name and id, as dates elsewhere name it: 北京时间（Asia/Shanghai）, Beijing time (Asia/Shanghai). */
export function zoneLabel(t: Catalog, timeZone: string): string {
  const label = zoneName(t, timeZone);
  return label === timeZone ? timeZone : t.zone.labelled(label, timeZone);
}

/** A region key of the counters (a province in simplified Chinese, 'other' or 'none') in the reader's words. */
function regionLabel(key: string, locale: Locale, m: StatisticsMessages): string {
  if (key === 'other' || key === 'none') return m.regions[key];
  if (locale === 'en') return REGIONS.find((region) => region.zh === key)?.en ?? key;
  return inReaderScript(key, locale);
}

function channelLabel(key: string, m: StatisticsMessages): string {
  return isChannel(key, m) ? m.channels[key] : key;
}

function isChannel(key: string, m: StatisticsMessages): key is keyof StatisticsMessages['channels'] {
  return Object.hasOwn(m.channels, key);
}

function tickFormatter(t: Catalog) {
  const format = numberFormat(t.lang, { notation: 'compact', maximumFractionDigits: 1 });
  return (value: number) => format.format(value);
}

/** Short labels under the bars. */
function periodTick(t: Catalog, granularity: Granularity): (period: Period) => string {
  if (granularity === 'year') return (period) => period.key;
  const format = dateTimeFormat(
    t.lang,
    granularity === 'day' ? { month: 'numeric', day: 'numeric', timeZone: 'UTC' } : { year: 'numeric', month: 'short', timeZone: 'UTC' },
  );
  return (period) => format.format(new Date(`${period.from}T00:00:00Z`));
}

/** Label steps that read naturally: every week, every quarter, every five years. */
const TICK_STEPS: Record<Granularity, number[]> = { day: [1, 2, 7, 14, 28], month: [1, 2, 3, 6, 12], year: [1, 2, 5, 10] };

interface RangeFigures {
  from: string;
  to: string;
  days: Awaited<ReturnType<CounterService['days']>>;
  regions: Awaited<ReturnType<CounterService['breakdown']>>;
  channels: Awaited<ReturnType<CounterService['breakdown']>>;
}

function byPeopleThenKey(rows: RangeFigures['regions']) {
  return rows.filter((row) => row.people > 0).sort((a, b) => b.people - a.people || a.key.localeCompare(b.key));
}

function TimeSection({ t, locale, m, figures }: { t: Catalog; locale: Locale; m: StatisticsMessages; figures: RangeFigures }) {
  const granularity = granularityFor(figures.from, figures.to);
  const periods = toPeriods(fillDays(figures.days, figures.from, figures.to), granularity);
  const tick = periodTick(t, granularity);
  const rowLabel = (period: Period) => (period.partial ? m.range(period.from, period.to) : period.key);
  const count = (value: number) => fullCount(value, locale);
  const total = periods.reduce((sum, period) => sum + period.people, 0);
  const peak = periods.reduce((best, period) => (period.people > best.people ? period : best), periods[0]!);
  const heading = m.heading[granularity];
  const svg = columnChartSvg({
    id: 'chart-time',
    title: heading,
    description: m.describeColumns(heading, m.range(figures.from, figures.to), count(total), rowLabel(peak), count(peak.people)),
    columns: periods.map((period) => ({ key: period.key, label: tick(period), value: period.people })),
    formatTick: tickFormatter(t),
    tickSteps: TICK_STEPS[granularity],
  });
  return (
    <section class="counter" aria-labelledby="time-heading">
      <h2 id="time-heading">{heading}</h2>
      <ChartFigure
        latestFirst
        svg={svg}
        empty={m.noDataChart}
        tableLabel={m.showTable}
        table={{
          columns: [m.columns.period[granularity], m.columns.people],
          rows: periods.map((period) => [rowLabel(period), count(period.people)]),
        }}
      />
      {granularity !== 'day' && periods.some((period) => period.partial) && <p class="hint">{m.partialNote}</p>}
    </section>
  );
}

/** The chart's periods, and the years, with the total's two parts apart (docs/history.md). */
function PartsSections({ locale, m, figures }: { locale: Locale; m: StatisticsMessages; figures: RangeFigures }) {
  const h = historyMessages(locale);
  const filled = fillDays(figures.days, figures.from, figures.to);
  const granularity = granularityFor(figures.from, figures.to);
  let index = 0;
  // The periods take the days in order, so one pass over the days adds up every period.
  const rows = toPeriods(filled, granularity).map((period) => {
    const row = { label: period.partial ? m.range(period.from, period.to) : period.key, inRegistry: 0, carriedOver: 0 };
    for (; index < filled.length && filled[index]!.day <= period.to; index++) {
      row.inRegistry += filled[index]!.inRegistry;
      row.carriedOver += filled[index]!.carriedOver;
    }
    return row;
  });
  const heading = { day: h.byDay, month: h.byMonth, year: h.byYear }[granularity];
  const years = sumByYear(filled).map((year) => ({ label: year.year, inRegistry: year.inRegistry, carriedOver: year.carriedOver }));
  return (
    <>
      <PartsTable id="parts-periods" heading={heading} column={m.columns.period[granularity]} rows={rows} locale={locale} h={h} />
      {granularity !== 'year' && years.length > 1 && (
        <PartsTable id="parts-years" heading={h.byYear} column={h.columns.year} rows={years} locale={locale} h={h} />
      )}
    </>
  );
}

function BarsSection(props: {
  id: string;
  heading: string;
  column: string;
  bars: Bar[];
  note?: string[];
  t: Catalog;
  locale: Locale;
  m: StatisticsMessages;
}) {
  const { id, heading, column, bars, t, locale, m } = props;
  const count = (value: number) => fullCount(value, locale);
  const top = bars.reduce<Bar | undefined>((best, bar) => (!best || bar.value > best.value ? bar : best), undefined);
  const svg = barListChartSvg({
    id: `chart-${id}`,
    title: heading,
    description: top ? m.describeBars(heading, top.label, count(top.value)) : heading,
    bars,
    formatValue: count,
    formatTick: tickFormatter(t),
  });
  return (
    <section class="counter" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <ChartFigure
        svg={svg}
        empty={m.noDataChart}
        tableLabel={m.showTable}
        table={{ columns: [column, m.columns.people], rows: bars.map((bar) => [bar.label, count(bar.value)]) }}
      />
      {props.note?.map((line) => (
        <p class="hint">{line}</p>
      ))}
    </section>
  );
}

interface FormState {
  from: string;
  to: string;
  problems: RangeProblem[];
}

function problemText(m: StatisticsMessages, problem: RangeProblem): string {
  switch (problem.code) {
    case 'date.invalid':
      return m.errors.invalid;
    case 'range.reversed':
      return m.errors.reversed(problem.from);
    case 'range.tooEarly':
      return m.errors.tooEarly(problem.first);
    case 'range.tooLate':
      return m.errors.tooLate(problem.today);
  }
}

function RangeForm({
  locale,
  m,
  state,
  today,
  firstDay,
}: {
  locale: Locale;
  m: StatisticsMessages;
  state: FormState;
  today: string;
  firstDay: string;
}) {
  const problem = (field: 'from' | 'to') => state.problems.find((entry) => entry.field === field);
  const field = (name: 'from' | 'to', label: string) => {
    const error = problem(name);
    return (
      <div class="field">
        <label for={`range-${name}`}>{label}</label>
        <input
          type="date"
          id={`range-${name}`}
          name={name}
          value={state[name]}
          placeholder="YYYY-MM-DD"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `range-${name}-error range-hint` : 'range-hint'}
        />
        {error && (
          <p class="error" id={`range-${name}-error`}>
            {problemText(m, error)}
          </p>
        )}
      </div>
    );
  };
  return (
    <form method="get" action={`/${locale}/statistics`}>
      {state.problems.length > 0 && (
        <div {...ERROR_SUMMARY}>
          <h2>{m.errors.heading}</h2>
          <ul>
            {state.problems.map((entry) => (
              <li>
                <a href={`#range-${entry.field}`}>
                  {m.form[entry.field]}
                  {m.colon}
                  {problemText(m, entry)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <fieldset>
        <legend>{m.form.legend}</legend>
        {field('from', m.form.from)}
        {field('to', m.form.to)}
        <p class="hint" id="range-hint">
          {m.form.hint(firstDay)}
        </p>
        <button type="submit">{m.form.submit}</button>
      </fieldset>
      <p>
        {m.form.quick} <a href={`/${locale}/statistics`}>{m.form.last30}</a>
        {' · '}
        <a href={`/${locale}/statistics?from=${earliestFrom(today, 1)}&to=${today}`}>{m.form.lastYear}</a>
        {' · '}
        <a href={`/${locale}/statistics?from=${firstDay}&to=${today}`}>{m.form.all}</a>
      </p>
    </form>
  );
}

function openDataHref(from: string, to: string, csv: boolean): string {
  return `/api/v1/stats/daily?from=${from}&to=${to}${csv ? '&format=csv' : ''}`;
}

export function StatisticsPage(
  props: BaseProps & {
    timeZone: string;
    today: string;
    firstDay: string;
    /** People carried over in the whole total: the lead then names both parts. */
    carriedOver: number;
    form: FormState;
    figures?: RangeFigures;
    /** The running total by year and the milestones, shown with any range. */
    allTime?: AllTimeFigures;
    /** Published statements and people per admission class (admission-block.tsx). */
    admission?: readonly AdmissionCount[];
  },
) {
  const { t, locale, figures } = props;
  const m = statisticsMessages(locale);
  const count = (value: number) => fullCount(value, locale);
  const sums = figures ? sumFigures(figures.days) : undefined;
  const range = figures ? m.range(figures.from, figures.to) : '';
  const regions = figures ? byPeopleThenKey(figures.regions) : [];
  const rest = regions.slice(REGION_TOP);
  return (
    <Layout locale={locale} t={t} title={m.title} path="/statistics" failed={props.form.problems.length > 0}>
      <h1>{m.title}</h1>
      <p class="lead">{(props.carriedOver > 0 ? historyMessages(locale).intro : m.intro)(zoneLabel(t, props.timeZone))}</p>
      <p>
        <a href={`/${locale}/statistics/method`}>{m.methodLink}</a>
      </p>
      <RangeForm locale={locale} m={m} state={props.form} today={props.today} firstDay={props.firstDay} />
      {figures && sums && (
        <>
          <p class="total" id="stats-summary">
            {sums.people > 0 ? m.summary(range, sums.people, sums.declarations, count) : m.noData(figures.from, figures.to)}
          </p>
          {sums.carriedOver > 0 && (
            <p id="stats-parts">{historyMessages(locale).rangeSplit(count(sums.inRegistry), count(sums.carriedOver))}</p>
          )}
          {sums.people > 0 && (
            <>
              <TimeSection t={t} locale={locale} m={m} figures={figures} />
              {sums.carriedOver > 0 && <PartsSections locale={locale} m={m} figures={figures} />}
              <BarsSection
                id="organizations"
                heading={m.byOrganization}
                column={m.columns.organization}
                bars={[
                  { label: t.form.orgs.party, value: sums.party },
                  { label: t.form.orgs.league, value: sums.league },
                  { label: t.form.orgs.pioneers, value: sums.pioneers },
                ]}
                note={[m.organizationNote]}
                t={t}
                locale={locale}
                m={m}
              />
              <BarsSection
                id="regions"
                heading={m.byRegion}
                column={m.columns.region}
                bars={regions.slice(0, REGION_TOP).map((row) => ({ label: regionLabel(row.key, locale, m), value: row.people }))}
                note={[
                  ...(rest.length > 0
                    ? [
                        m.regionRest(
                          rest.length,
                          rest.reduce((sum, row) => sum + row.people, 0),
                          count,
                        ),
                      ]
                    : []),
                  m.regionNote,
                ]}
                t={t}
                locale={locale}
                m={m}
              />
              <BarsSection
                id="channels"
                heading={m.byChannel}
                column={m.columns.channel}
                bars={byPeopleThenKey(figures.channels).map((row) => ({ label: channelLabel(row.key, m), value: row.people }))}
                t={t}
                locale={locale}
                m={m}
              />
            </>
          )}
          {props.allTime && <AllTimeSection t={t} locale={locale} figures={props.allTime} />}
          {props.admission && <AdmissionBlock locale={locale} counts={props.admission} />}
          <h2>{m.openData.heading}</h2>
          <p>
            {m.openData.text} <a href={openDataHref(figures.from, figures.to, false)}>{m.openData.json}</a>
            {' · '}
            <a href={openDataHref(figures.from, figures.to, true)}>{m.openData.csv}</a>
          </p>
          <p class="hint">{m.live}</p>
        </>
      )}
    </Layout>
  );
}
