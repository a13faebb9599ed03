import { Hono, type Context } from 'hono';
import type { FieldError } from '../../../domain/declaration/declaration-input.ts';
import { fillDays, parseDayRange, type DayFigures, type RangeProblem } from '../../../domain/counter/day-range.ts';
import type { CounterService } from '../../../services/counter-service.ts';
import type { AppEnv } from '../../env.ts';
import { apiError } from '../../errors.tsx';

/** The range when none is asked for: the last 30 days, today included. */
const API_DEFAULT_DAYS = 30;
const CACHE_CONTROL = 'public, max-age=300';
// The two parts of `people` (docs/history.md) come last, so readers of the first six columns read on unchanged.
const CSV_COLUMNS = ['day', 'declarations', 'people', 'party', 'league', 'pioneers', 'inRegistry', 'carriedOver'] as const;

function fieldError(problem: RangeProblem): FieldError {
  switch (problem.code) {
    case 'date.invalid':
      return { code: 'date.invalid', params: {} };
    case 'range.reversed':
      return { code: 'date.tooEarly', params: { min: problem.from } };
    case 'range.tooEarly':
      return { code: 'date.tooEarly', params: { min: problem.first } };
    case 'range.tooLate':
      return { code: 'date.tooLate', params: { max: problem.today } };
  }
}

function dailyCsv(days: readonly DayFigures[]): string {
  const lines = [CSV_COLUMNS.join(','), ...days.map((row) => CSV_COLUMNS.map((column) => row[column]).join(','))];
  return `${lines.join('\n')}\n`;
}

function wantsCsv(c: Context<AppEnv>): boolean | 'unknown' {
  const format = c.req.query('format');
  if (format === 'csv') return true;
  if (format === 'json') return false;
  if (format !== undefined && format !== '') return 'unknown';
  return /(^|[\s,])text\/csv\s*(;|,|$)/i.test(c.req.header('accept') ?? '');
}

/**
 * Open data: GET /api/v1/stats/daily?from=YYYY-MM-DD&to=YYYY-MM-DD, every day of
 * the range (zeros included) as JSON, or as CSV with `format=csv` or
 * `Accept: text/csv`. Never broken down by center.
 */
export function statisticsApi(counter: CounterService): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.get('/api/v1/stats/daily', async (c) => {
    c.header('Vary', 'Accept', { append: true });
    const csv = wantsCsv(c);
    if (csv === 'unknown') return apiError(c, 400, 'request.invalid', { format: { code: 'text.invalid', params: {} } });
    const snapshot = await counter.read();
    const parsed = parseDayRange(
      { from: c.req.query('from'), to: c.req.query('to') },
      { today: snapshot.day, defaultDays: API_DEFAULT_DAYS, firstDay: snapshot.firstDay },
    );
    if (!parsed.ok) {
      const fields = Object.fromEntries(parsed.problems.map((problem) => [problem.field, fieldError(problem)]));
      return parsed.problems.some((problem) => problem.code === 'date.invalid')
        ? apiError(c, 400, 'request.dayInvalid', fields)
        : apiError(c, 422, 'request.invalid', fields);
    }
    const { from, to } = parsed;
    const days = fillDays(await counter.days(from, to), from, to);
    c.header('Cache-Control', CACHE_CONTROL);
    if (csv) {
      c.header('Content-Type', 'text/csv; charset=utf-8; header=present');
      c.header('Content-Disposition', `attachment; filename="daily-${from}-${to}.csv"`);
      return c.body(dailyCsv(days));
    }
    return c.json({ timeZone: snapshot.timeZone, from, to, days });
  });
  return api;
}
