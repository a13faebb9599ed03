import type { DatabaseHandle } from '../db/create-db.ts';
import { storageSizes, type StorageSizes } from '../db/storage.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { CounterService } from '../services/counter-service.ts';
import type { DeclarationService } from '../services/declaration-service.ts';

/** The gauges read at each scrape (docs/operations.md, "Metrics"); the histograms are fed where things happen. */
export function watchWithMetrics(
  metrics: Metrics,
  watched: {
    declarations: DeclarationService;
    counter: CounterService;
    intakeQueueLimit: number;
    db: DatabaseHandle['db'];
    databaseUrl: string;
  },
): void {
  const { declarations, counter, db, databaseUrl } = watched;
  metrics.gauge('tuidang_intake_queue_depth', 'Submissions waiting for their commit now', () => declarations.intakeDepth());
  metrics.gauge('tuidang_intake_queue_limit', 'Submissions that may wait at once before new ones get 503', () => watched.intakeQueueLimit);
  metrics.gauge(
    'tuidang_counter_lag_seconds',
    'Seconds since the counter served now was read: the longest a publication waits to be shown',
    () => counter.lagSeconds(),
  );
  // One read of the sizes serves both gauges of a scrape.
  let sizes: Promise<StorageSizes> | undefined;
  const sizesOnce = () => {
    sizes ??= storageSizes(db, databaseUrl).finally(() => setTimeout(() => (sizes = undefined), 1000).unref());
    return sizes;
  };
  metrics.gauge('tuidang_database_size_bytes', 'Bytes the database occupies on disk', async () => (await sizesOnce()).database);
  metrics.gauge(
    'tuidang_database_wal_size_bytes',
    'Bytes of write-ahead log on disk (SQLite -wal file, PostgreSQL pg_wal)',
    async () => (await sizesOnce()).wal,
  );
}
