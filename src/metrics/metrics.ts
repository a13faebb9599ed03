import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics (docs/operations.md, "Metrics"), served on a listener of their own
 * (http/metrics-server.ts), never on the public port. No label ever comes from a request's input: a
 * route is its pattern (`/:locale/declarations/:number`), never the path, and a status is a number.
 * Nothing here can say who submitted what.
 */
export interface Metrics {
  readonly registry: Registry;
  /** One answered request: the route pattern it matched, its method and status, and how long it took. */
  request(route: string, method: string, status: number, seconds: number): void;
  /** Told of every intake batch committed and every submission refused (services/declaration-service.ts). */
  readonly intake: { committed(size: number, seconds: number): void; refused(): void };
  /** A gauge read when Prometheus scrapes; `read` answering null leaves it out of that scrape. */
  gauge(name: string, help: string, read: () => number | null | Promise<number | null>): void;
}

/** Seconds: from a prepared answer (~50 µs) to a request that waited on a stalled disk. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
/** Methods a label may take; anything else (a request can send any token) is counted as OTHER. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function createMetrics(): Metrics {
  const registry = new Registry();
  // Heap, event-loop delay (a histogram of monitorEventLoopDelay), GC, handles, CPU, RSS.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const requests = new Histogram({
    name: 'tuidang_http_request_duration_seconds',
    help: 'Answered HTTP requests by route pattern, method and status, and how long each took',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const batches = new Histogram({
    name: 'tuidang_intake_batch_size',
    help: 'Submissions committed together in one intake batch',
    buckets: BATCH_BUCKETS,
    registers: [registry],
  });
  const commits = new Histogram({
    name: 'tuidang_intake_commit_seconds',
    help: 'Time from handing an intake batch to the writer to its durable commit',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'tuidang_intake_refused_total',
    help: 'Submissions refused with 503 because the intake queue was full',
    registers: [registry],
  });
  return {
    registry,
    request(route, method, status, seconds) {
      requests.observe({ route, method: METHODS.has(method) ? method : 'OTHER', status: String(status) }, seconds);
    },
    intake: {
      committed(size, seconds) {
        batches.observe(size);
        commits.observe(seconds);
      },
      refused: () => refused.inc(),
    },
    gauge(name, help, read) {
      new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          const value = await read();
          if (value === null) this.reset();
          else this.set(value);
        },
      });
    },
  };
}
