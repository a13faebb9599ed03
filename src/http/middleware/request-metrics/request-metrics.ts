import type { MiddlewareHandler } from 'hono';
import type { Metrics } from '../../../metrics/metrics.ts';
import type { AppEnv } from '../../env.ts';

/**
 * Observes every request hono answers by its route pattern (`c.req.routePath`, as the request log
 * names it), method and status: never the path itself, which may hold a registration number or a
 * search. The fast lanes' answers are observed in front of hono (fast-lane/lane-metrics.ts).
 */
export function requestMetrics(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    metrics.request(c.req.routePath, c.req.method, c.res.status, (performance.now() - started) / 1000);
  };
}
