import { Hono } from 'hono';
import { zonedStamp } from '../../../i18n/zoned-time.ts';
import { COUNTER_CACHE_MS, type CounterService, type CounterSnapshot } from '../../../services/counter-service.ts';
import type { AppEnv } from '../../env.ts';
import { API_READ_HEADERS } from '../../middleware/security-headers/policy.ts';
import { PreparedByInputs, prepareResponse, servePrepared } from '../../fast-lane/prepared-response.ts';
import type { PreparedRoutes } from '../../fast-lane/prepared-routes.ts';

/** Mirrors and widgets poll these: tiny, cacheable for the refresh interval, revalidated by ETag. */
const CACHE_CONTROL = `public, max-age=${Math.ceil(COUNTER_CACHE_MS / 1000)}, stale-while-revalidate=30`;

function counterJson(snapshot: CounterSnapshot) {
  return {
    total: snapshot.total,
    inRegistry: snapshot.inRegistry,
    carriedOver: snapshot.carriedOver,
    today: snapshot.today,
    yesterday: snapshot.yesterday,
    thisWeek: snapshot.thisWeek,
    thisMonth: snapshot.thisMonth,
    lastUpdate: snapshot.lastUpdate.toISOString(),
    organizations: snapshot.organizations,
    timeZone: snapshot.timeZone,
    // The checkpoint this count matches once `pending` is 0 (docs/transparency.md).
    log: snapshot.log,
  };
}

function legacyXml(snapshot: CounterSnapshot): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<STATICS>' +
    `<TOTAL>${snapshot.total}</TOTAL>` +
    `<TODAY>${snapshot.today}</TODAY>` +
    `<YESTERDAY>${snapshot.yesterday}</YESTERDAY>` +
    `<THISWEEK>${snapshot.thisWeek}</THISWEEK>` +
    `<THISMONTH>${snapshot.thisMonth}</THISMONTH>` +
    // "YYYY-MM-DD HH:mm:ss" in the counting zone, as the legacy widgets print it.
    `<LASTUPDATE>${zonedStamp(snapshot.lastUpdate, snapshot.timeZone, 'second')}</LASTUPDATE>` +
    '</STATICS>\n'
  );
}

export function counterApi(counter: CounterService, prepared: PreparedRoutes) {
  const api = new Hono<AppEnv>();
  // Built once per counter snapshot, served as is until the next one.
  const bodies = new PreparedByInputs<'json' | 'xml'>();
  const json = (snapshot: CounterSnapshot) =>
    bodies.get('json', [snapshot], () =>
      prepareResponse(JSON.stringify(counterJson(snapshot)), 'application/json; charset=UTF-8', CACHE_CONTROL, API_READ_HEADERS),
    );
  const xml = (snapshot: CounterSnapshot) =>
    bodies.get('xml', [snapshot], () =>
      prepareResponse(legacyXml(snapshot), 'application/xml; charset=UTF-8', CACHE_CONTROL, API_READ_HEADERS),
    );

  api.get('/api/v1/counter', async (c) => servePrepared(c, json(await counter.read())));
  api.get('/stat/statics', async (c) => servePrepared(c, xml(await counter.read())));
  // The same bytes without the router while the snapshot is fresh (see PreparedRoutes).
  prepared.add('/api/v1/counter', () => {
    const snapshot = counter.current();
    return snapshot && json(snapshot);
  });
  prepared.add('/stat/statics', () => {
    const snapshot = counter.current();
    return snapshot && xml(snapshot);
  });
  return api;
}
