import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { COUNTER_CACHE_MS, type CounterService, type CounterSnapshot } from '../../../services/counter-service.ts';
import type { AppEnv } from '../../env.ts';

/** Mirrors and widgets poll these: tiny, cacheable for the refresh interval, revalidated by ETag. */
const CACHE_CONTROL = `public, max-age=${Math.ceil(COUNTER_CACHE_MS / 1000)}, stale-while-revalidate=30`;

function cacheable(c: Context<AppEnv>, body: string, type: string): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  c.header('Cache-Control', CACHE_CONTROL);
  c.header('ETag', etag);
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  c.header('Content-Type', type);
  return c.body(body);
}

export function counterJson(snapshot: CounterSnapshot) {
  return {
    total: snapshot.total,
    today: snapshot.today,
    yesterday: snapshot.yesterday,
    thisWeek: snapshot.thisWeek,
    thisMonth: snapshot.thisMonth,
    lastUpdate: snapshot.lastUpdate.toISOString(),
    organizations: snapshot.organizations,
    timeZone: snapshot.timeZone,
  };
}

/** "YYYY-MM-DD HH:mm:ss" in the counting zone, as the legacy widgets print it. */
function legacyTime(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

export function legacyXml(snapshot: CounterSnapshot): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<STATICS>' +
    `<TOTAL>${snapshot.total}</TOTAL>` +
    `<TODAY>${snapshot.today}</TODAY>` +
    `<YESTERDAY>${snapshot.yesterday}</YESTERDAY>` +
    `<THISWEEK>${snapshot.thisWeek}</THISWEEK>` +
    `<THISMONTH>${snapshot.thisMonth}</THISMONTH>` +
    `<LASTUPDATE>${legacyTime(snapshot.lastUpdate, snapshot.timeZone)}</LASTUPDATE>` +
    '</STATICS>\n'
  );
}

export function counterApi(counter: CounterService) {
  const api = new Hono<AppEnv>();
  api.get('/api/v1/counter', async (c) => cacheable(c, JSON.stringify(counterJson(await counter.read())), 'application/json; charset=UTF-8'));
  api.get('/stat/statics', async (c) => cacheable(c, legacyXml(await counter.read()), 'application/xml; charset=UTF-8'));
  return api;
}
