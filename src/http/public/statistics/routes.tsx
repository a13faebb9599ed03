import { Hono } from 'hono';
import { parseDayRange } from '../../../domain/counter/day-range.ts';
import { catalogFor, type Locale } from '../../../i18n/index.ts';
import type { Logger } from '../../../logging/logger.ts';
import type { CounterService, CounterSnapshot } from '../../../services/counter-service.ts';
import type { AdmissionCounts } from '../../../services/flood/admission-counts.ts';
import type { Switches } from '../../../services/flood/switches-service.ts';
import { FreshValue } from '../../../services/fast-lane/fresh-value.ts';
import { HTML_TYPE } from '../../answers.ts';
import type { AppEnv } from '../../env.ts';
import { PreparedPage } from '../../fast-lane/prepared-page.ts';
import { prepareResponse, servePrepared } from '../../fast-lane/prepared-response.ts';
import type { PreparedRoutes } from '../../fast-lane/prepared-routes.ts';
import { pageProps, renderPage } from '../../render.ts';
import { MethodPage } from './views/method-page.tsx';
import { StatisticsPage } from './views/statistics-page.tsx';

/** The page's default range: the last 30 days, today included. */
const DEFAULT_DAYS = 30;
const CACHE_CONTROL = 'public, max-age=60';
/** Echoed input is cut short: a query string cannot make the error page large. */
const MAX_ECHO = 40;
/** The default page's figures change no faster than the counter: read them at most about once a second. */
const DEFAULT_PAGE_MS = 1000;

const echo = (value: string | undefined) => (value ?? '').slice(0, MAX_ECHO);

type Figures = Awaited<ReturnType<typeof readFigures>>;

/** Every figure the page shows for a valid range. */
async function readFigures(counter: CounterService, admissionCounts: AdmissionCounts, snapshot: CounterSnapshot, from: string, to: string) {
  const [days, regions, channels, years, admission] = await Promise.all([
    counter.days(from, to),
    counter.breakdown('region', from, to),
    counter.breakdown('channel', from, to),
    counter.years(),
    admissionCounts.current(),
  ]);
  return { snapshot, from, to, days, regions, channels, years, admission };
}

function baseOf(snapshot: CounterSnapshot) {
  return { timeZone: snapshot.timeZone, today: snapshot.day, firstDay: snapshot.firstDay, carriedOver: snapshot.carriedOver };
}

function figuresPage(props: ReturnType<typeof pageProps>, { snapshot, from, to, days, regions, channels, years, admission }: Figures) {
  const allTime = { years, milestones: snapshot.milestones, thisYear: snapshot.day.slice(0, 4), timeZone: snapshot.timeZone };
  return (
    <StatisticsPage
      {...props}
      {...baseOf(snapshot)}
      form={{ from, to, problems: [] }}
      figures={{ from, to, days, regions, channels }}
      allTime={allTime}
      admission={admission}
    />
  );
}

/** GET /statistics and /statistics/method, mounted under each locale prefix. */
export function statisticsRoutes(
  counter: CounterService,
  admissionCounts: AdmissionCounts,
  switches: Pick<Switches, 'knownOn'>,
  prepared: PreparedRoutes,
  clock: () => number,
  logger: Logger,
): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  // The page without a query (the last 30 days), which journalists open after a milestone: its figures read once
  // a second, rendered once per locale from each reading, and served prepared.
  const defaultFigures = new FreshValue(
    async () => {
      const snapshot = await counter.read();
      const range = parseDayRange({}, { today: snapshot.day, defaultDays: DEFAULT_DAYS, firstDay: snapshot.firstDay });
      if (!range.ok) throw new Error('the default statistics range is invalid');
      return readFigures(counter, admissionCounts, snapshot, range.from, range.to);
    },
    DEFAULT_PAGE_MS,
    { name: 'statistics figures', logger, clock },
  );
  const defaultPage = new PreparedPage(defaultFigures, (locale: Locale, figures) =>
    prepareResponse(`<!doctype html>${figuresPage({ locale, t: catalogFor(locale) }, figures).toString()}`, HTML_TYPE, CACHE_CONTROL),
  );
  // Switched off, the page is the app's to answer: its kill-switch middleware says so (503).
  defaultPage.serveAt(prepared, '/statistics', () => switches.knownOn('statistics') === true);

  routes.get('/statistics', async (c) => {
    const query = { from: c.req.query('from'), to: c.req.query('to') };
    if (query.from === undefined && query.to === undefined) return servePrepared(c, await defaultPage.get(c.get('locale')));
    const snapshot = await counter.read();
    const parsed = parseDayRange(query, { today: snapshot.day, defaultDays: DEFAULT_DAYS, firstDay: snapshot.firstDay });
    if (!parsed.ok) {
      c.header('Cache-Control', 'no-store');
      const form = { from: echo(query.from), to: echo(query.to), problems: parsed.problems };
      return renderPage(c, <StatisticsPage {...pageProps(c)} {...baseOf(snapshot)} form={form} />, 422);
    }
    c.header('Cache-Control', CACHE_CONTROL);
    return renderPage(c, figuresPage(pageProps(c), await readFigures(counter, admissionCounts, snapshot, parsed.from, parsed.to)));
  });

  routes.get('/statistics/method', async (c) => {
    const [snapshot, years] = await Promise.all([counter.read(), counter.years()]);
    c.header('Cache-Control', CACHE_CONTROL);
    const parts = { inRegistry: snapshot.inRegistry, carriedOver: snapshot.carriedOver, years };
    return renderPage(c, <MethodPage {...pageProps(c)} timeZone={snapshot.timeZone} parts={parts} />);
  });

  return routes;
}
