import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { createApp } from '../../src/http/app.ts';
import { createHttpServer, type Edge } from '../../src/http/http-server.ts';
import { PreparedRoutes } from '../../src/http/fast-lane/prepared-routes.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createServices, type Composition } from '../../src/composition.ts';
import type { Services } from '../../src/services/services.ts';
import { createMigratedTestDatabase, type TestEngine } from './databases.ts';
import { LIFTED_FLOOD_LIMITS } from './flood-limits.ts';

/** The services, with the database and keys they were made with: tests read rows and keys directly. */
type TestServices = Services & Pick<Composition, 'database' | 'keys'>;

export interface TestContext {
  engine: TestEngine;
  dir: string;
  config: Config;
  services: TestServices;
  app: ReturnType<typeof createApp>;
  /** What the real server answers ahead of the app (see preparedFirst). */
  prepared: PreparedRoutes;
  /** Every log line the app wrote, as JSON text. */
  logs: string[];
  /** The clock cached reads age by, moved on by advance() where a test would otherwise wait. */
  clock: TestClock;
  /** Serves the app over real HTTP on a loopback port, as startServer does (prepared routes first), with `edge` if given. */
  listen(edge?: Edge): Promise<{ url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

interface TestClock {
  now(): number;
  advance(ms: number): void;
}

/** Stands still until the test moves it on, so how long a slow machine takes never decides what a cache serves. */
function testClock(): TestClock {
  let at = Date.now();
  return {
    now: () => at,
    advance: (ms) => {
      at += ms;
    },
  };
}

export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tuidang-test-'));
}

/** The real app on a real database, migrated and otherwise empty, with its logs captured. */
export async function createTestContext(engine: TestEngine = 'sqlite', env: NodeJS.ProcessEnv = {}): Promise<TestContext> {
  const dir = makeTempDir();
  const database = await createMigratedTestDatabase(engine, dir);
  const config = loadConfig({ TUIDANG_DATA_DIR: dir, DATABASE_URL: database.url, ...LIFTED_FLOOD_LIMITS, ...env });
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const clock = testClock();
  const composition = await createServices(config, { clock: clock.now, logger });
  const services: TestServices = { ...composition.services, database: composition.database, keys: composition.keys };
  const prepared = new PreparedRoutes();
  const app = createApp({ logger, services, prepared });
  return {
    engine,
    dir,
    config,
    services,
    app,
    prepared,
    logs,
    clock,
    async listen(edge?: Edge) {
      const server = createHttpServer(app, prepared, services.declarations, logger, undefined, services.metrics, edge);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
    async close() {
      await composition.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
