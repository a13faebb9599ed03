import type { RequestListener, ServerResponse } from 'node:http';
import type { Metrics } from '../../metrics/metrics.ts';

/**
 * Observes the answers the fast lanes give themselves, in front of hono: a GET they answer is a
 * prepared one, a POST a submission (the only methods each lane takes). A request they hand to hono
 * is observed there, by its route pattern (middleware/request-metrics), so it is not counted twice.
 */
export function observeFastLanes(
  metrics: Metrics,
  lanes: (fallback: RequestListener) => RequestListener,
  fallback: RequestListener,
): RequestListener {
  const handedOn = new WeakSet<ServerResponse>();
  const listener = lanes((request, response) => {
    handedOn.add(response);
    fallback(request, response);
  });
  return (request, response) => {
    const started = performance.now();
    response.once('finish', () => {
      if (handedOn.has(response)) return;
      const method = request.method ?? 'GET';
      metrics.request(method === 'GET' ? 'prepared' : 'submission', method, response.statusCode, (performance.now() - started) / 1000);
    });
    listener(request, response);
  };
}
