import { Hono } from 'hono';
import { parseDayRange } from '../../../domain/counter/day-range.ts';
import type { CounterService } from '../../../services/counter-service.ts';
import type { AdmissionCounts } from '../../../services/flood/admission-counts.ts';
import type { AppEnv } from '../../env.ts';
import { pageProps, renderPage } from '../../render.ts';
import { MethodPage } from './views/method-page.tsx';
import { StatisticsPage } from './views/statistics-page.tsx';

/** The page's default range: the last 30 days, today included. */
const DEFAULT_DAYS = 30;
const CACHE_CONTROL = 'public, max-age=60';
/** Echoed input is cut short: a query string cannot make the error page large. */
const MAX_ECHO = 40;

const echo = (value: string | undefined) => (value ?? '').slice(0, MAX_ECHO);

/** GET /statistics and /statistics/method, mounted under each locale prefix. */
export function statisticsRoutes(counter: CounterService, admissionCounts: AdmissionCounts): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/statistics', async (c) => {
    const snapshot = await counter.read();
    const query = { from: c.req.query('from'), to: c.req.query('to') };
    const parsed = parseDayRange(query, { today: snapshot.day, defaultDays: DEFAULT_DAYS, firstDay: snapshot.firstDay });
    const base = {
      ...pageProps(c),
      timeZone: snapshot.timeZone,
      today: snapshot.day,
      firstDay: snapshot.firstDay,
      carriedOver: snapshot.carriedOver,
    };
    if (!parsed.ok) {
      c.header('Cache-Control', 'no-store');
      const form = { from: echo(query.from), to: echo(query.to), problems: parsed.problems };
      return renderPage(c, <StatisticsPage {...base} form={form} />, 422);
    }
    const { from, to } = parsed;
    const [days, regions, channels, years, admission] = await Promise.all([
      counter.days(from, to),
      counter.breakdown('region', from, to),
      counter.breakdown('channel', from, to),
      counter.years(),
      admissionCounts.current(),
    ]);
    const allTime = { years, milestones: snapshot.milestones, thisYear: snapshot.day.slice(0, 4), timeZone: snapshot.timeZone };
    c.header('Cache-Control', CACHE_CONTROL);
    return renderPage(
      c,
      <StatisticsPage
        {...base}
        form={{ from, to, problems: [] }}
        figures={{ from, to, days, regions, channels }}
        allTime={allTime}
        admission={admission}
      />,
    );
  });

  routes.get('/statistics/method', async (c) => {
    const [snapshot, years] = await Promise.all([counter.read(), counter.years()]);
    c.header('Cache-Control', CACHE_CONTROL);
    const parts = { inRegistry: snapshot.inRegistry, carriedOver: snapshot.carriedOver, years };
    return renderPage(c, <MethodPage {...pageProps(c)} timeZone={snapshot.timeZone} parts={parts} />);
  });

  return routes;
}
