import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { createApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createServices, type Services } from '../../src/main.ts';
import { createTestDatabase, type TestEngine } from './databases.ts';

export interface TestContext {
  engine: TestEngine;
  dir: string;
  config: Config;
  services: Services;
  app: ReturnType<typeof createApp>;
  /** Every log line the app wrote, as JSON text. */
  logs: string[];
  close(): Promise<void>;
}

export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tuidang-test-'));
}

/** The real app on a real, empty database, with its logs captured. */
export async function createTestContext(engine: TestEngine = 'sqlite', env: NodeJS.ProcessEnv = {}): Promise<TestContext> {
  const dir = makeTempDir();
  const database = await createTestDatabase(engine, dir);
  const config = loadConfig({ TUIDANG_DATA_DIR: dir, DATABASE_URL: database.url, ...env });
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const services = await createServices(config);
  const app = createApp({ logger, services });
  return {
    engine,
    dir,
    config,
    services,
    app,
    logs,
    async close() {
      await services.declarations.close();
      await services.database.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
