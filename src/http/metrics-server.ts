import { createServer, type Server } from 'node:http';
import type { Logger } from '../logging/logger.ts';
import type { Metrics } from '../metrics/metrics.ts';

/**
 * The metrics listener (TUIDANG_METRICS_PORT, loopback by default): `GET /metrics` in Prometheus's
 * text format and nothing else. A server of its own, so the public port never serves it whatever
 * a proxy in front forwards (test/http/metrics.test.ts holds both sides).
 */
export function createMetricsServer(metrics: Metrics, logger: Logger): Server {
  return createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    metrics.registry.metrics().then(
      (body) => response.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' }).end(body),
      (error: unknown) => {
        logger.error({ err: error }, 'collecting metrics failed');
        response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('metrics failed\n');
      },
    );
  });
}
