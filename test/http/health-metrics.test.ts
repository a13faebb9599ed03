import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testEngines } from '../helpers/databases.ts';
import { postJson } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const DECLARATION = { names: ['明德'], orgs: ['party'], headcount: 1, behalf: 'self', consent: true };

/** The value of one series in Prometheus's text format, or undefined when it is not there. */
function series(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name} `)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

for (const engine of testEngines()) {
  describe(`health and metrics (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('/healthz and /readyz answer on the main port, a word each, never stored', async () => {
      // Ready once the intake writer answers: on SQLite its thread starts with the first piece of work.
      await ctx.services.declarations.intakeReady();
      for (const [path, body] of [
        ['/healthz', 'ok'],
        ['/readyz', 'ready'],
      ] as const) {
        const response = await ctx.app.request(path);
        assert.equal(response.status, 200, path);
        assert.equal(await response.text(), body);
        assert.equal(response.headers.get('cache-control'), 'no-store');
        assert.equal(response.headers.get('x-powered-by'), null);
      }
    });

    test('the main port does not serve the metrics', async () => {
      for (const path of ['/metrics', '/api/metrics', '/console/metrics']) {
        const response = await ctx.app.request(path);
        assert.ok(response.status === 404 || response.status === 303, `${path} answered ${response.status}`);
        assert.doesNotMatch(await response.text(), /tuidang_|nodejs_/);
      }
    });

    test('the metrics move with requests: by route pattern, never by path; intake batches, commits, queue and storage', async () => {
      const registry = ctx.services.metrics.registry;
      const before = await registry.metrics();
      const healthz = '{route="/healthz",method="GET",status="200"}';
      const countBefore = series(before, 'tuidang_http_request_duration_seconds_count', healthz) ?? 0;
      const batchesBefore = series(before, 'tuidang_intake_batch_size_count') ?? 0;
      await ctx.app.request('/healthz');
      await ctx.app.request('/healthz');
      const receipt = (await (await postJson(ctx, '/api/v1/declarations', DECLARATION)).json()) as { registrationNumber: string };
      await ctx.app.request(`/en/declarations/${receipt.registrationNumber}`);
      const after = await registry.metrics();
      assert.equal(series(after, 'tuidang_http_request_duration_seconds_count', healthz), countBefore + 2);
      assert.ok(series(after, 'tuidang_intake_batch_size_count')! > batchesBefore);
      assert.ok(series(after, 'tuidang_intake_commit_seconds_count')! > 0);
      assert.equal(series(after, 'tuidang_intake_queue_depth'), 0);
      assert.equal(series(after, 'tuidang_intake_queue_limit'), 2048);
      assert.ok(series(after, 'tuidang_database_size_bytes')! > 0);
      assert.ok(series(after, 'nodejs_heap_size_used_bytes')! > 0);
      assert.ok(after.includes('nodejs_eventloop_lag_p99_seconds'));
      assert.ok(after.includes('tuidang_counter_lag_seconds'));
      // Nothing a request sent becomes a label: the permalink is counted by its pattern.
      assert.ok(!after.includes(receipt.registrationNumber), 'a registration number in the metrics');
      assert.ok(after.includes('route="/en/declarations/:registrationNumber",method="GET"'), 'the permalink by its pattern');
    });
  });

  describe(`the metrics listener (${engine})`, () => {
    let ctx: TestContext;
    let server: RunningServer;
    before(async () => {
      ctx = await createTestContext(engine);
      const config = loadConfig({ TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl, PORT: '0', TUIDANG_METRICS_PORT: '0' });
      server = await startServer(config, createLogger('silent'));
    });
    after(async () => {
      await server.close();
      await ctx.close();
    });

    test('listens on loopback apart from the public port, and serves /metrics alone', async () => {
      assert.ok(server.metricsUrl?.startsWith('http://127.0.0.1:'), server.metricsUrl);
      assert.notEqual(new URL(server.metricsUrl!).port, new URL(server.url).port);
      await fetch(`${server.url}/healthz`);
      await fetch(`${server.url}/api/v1/counter`);
      await fetch(`${server.url}/api/v1/counter`);
      const metrics = await fetch(server.metricsUrl!);
      assert.equal(metrics.status, 200);
      assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
      const text = await metrics.text();
      assert.match(text, /tuidang_http_request_duration_seconds_count\{route="\/healthz",method="GET",status="200"\} 1/);
      // The second counter GET is answered by the prepared lane, ahead of hono, and counted there.
      assert.match(text, /tuidang_http_request_duration_seconds_count\{route="prepared",method="GET",status="200"\} [1-9]/);
      assert.equal((await fetch(new URL('/', server.metricsUrl))).status, 404);
      const onPublicPort = await fetch(`${server.url}/metrics`);
      assert.equal(onPublicPort.status, 404);
      assert.doesNotMatch(await onPublicPort.text(), /tuidang_/);
      // Not ready until the intake writer answers (on SQLite its thread starts with the first check); each
      // probe waits up to 2 s, so a few probes outlast a slow start.
      let ready = 0;
      for (let probe = 0; probe < 15 && ready !== 200; probe++) ready = (await fetch(`${server.url}/readyz`)).status;
      assert.equal(ready, 200);
    });
  });
}
