import type { Server } from 'node:http';
import { createServices } from './composition.ts';
import type { Config } from './config.ts';
import { createApp } from './http/app.ts';
import { LISTEN_BACKLOG } from './http/connection-guard.ts';
import { createHttpServer } from './http/http-server.ts';
import { PreparedRoutes } from './http/fast-lane/prepared-routes.ts';
import { scheduleNightlyReconcile } from './jobs/nightly-reconcile.ts';
import { scheduleOutreachRetention } from './jobs/outreach-retention.ts';
import { scheduleNewsletterSending } from './jobs/newsletter-sending.ts';
import { scheduleInboxRetention } from './jobs/inbox-retention.ts';
import { scheduleAuditAnchoring } from './jobs/audit-anchoring.ts';
import { scheduleContactRetention } from './jobs/contact-retention.ts';
import { scheduleLogBatches } from './jobs/log-batches.ts';
import { createLogger, type Logger } from './logging/logger.ts';
import { startInboundChannels } from './jobs/inbound-channels.ts';
import { createMetricsServer } from './http/metrics-server.ts';
import type { Metrics } from './metrics/metrics.ts';

export interface RunningServer {
  readonly url: string;
  /** Where Prometheus scrapes, when TUIDANG_METRICS_PORT is set. */
  readonly metricsUrl: string | undefined;
  close(): Promise<void>;
}

/** Starts the HTTP service; on close it stops accepting, then closes everything the services opened. */
export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const composition = await createServices(config, { logger, walCheckpointer: true });
  const { services } = composition;
  const prepared = new PreparedRoutes();
  const app = createApp({ logger, services, prepared });
  // Before the HTTP server: an SMTP port already taken stops the start with nothing left open.
  // A bounce of a newsletter issue comes back to the receiver; a permanent one unsubscribes the address.
  const onBounce = (token: string, bounce: { permanent: boolean }) => services.newsletter.recordBounce(token, bounce.permanent);
  const stopChannels = await startInboundChannels(config.inbound, services.channels, logger, onBounce).catch(async (error: unknown) => {
    await composition.close();
    throw error;
  });
  const server = await new Promise<Server>((resolve) => {
    const started = createHttpServer(app, prepared, services.declarations, logger, config.host, services.metrics, config.edge).listen(
      { port: config.port, host: config.host, backlog: LISTEN_BACKLOG },
      () => resolve(started),
    );
  });
  const metricsServer = await startMetricsServer(config, services.metrics, logger).catch(async (error: unknown) => {
    server.close();
    await stopChannels();
    await composition.close();
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, engine: composition.database.engine }, 'listening');
  for (const file of composition.exposedKeyFiles) {
    logger.warn({ file }, 'key file can be read by other users of this machine; make it readable by the owner only (chmod 600)');
  }
  const stopNightly = scheduleNightlyReconcile(config, logger);
  const stopRetention = scheduleOutreachRetention(() => services.outreach.retention.purgeDue(), logger);
  const stopNewsletter = scheduleNewsletterSending((now) => services.newsletter.sendDue(now), logger);
  const stopInboxRetention = scheduleInboxRetention(() => services.inbox.retention.purgeDue(), logger);
  const stopLog = scheduleLogBatches((between) => services.log.publish(undefined, between), config.logBatchMinutes, logger);
  const stopAnchoring = scheduleAuditAnchoring(() => services.audit.anchor(), config.vault.auditAnchorSeconds, logger);
  const stopContactRetention = scheduleContactRetention(() => services.contacts.purgeDue(), logger);
  const metricsAddress = metricsServer?.address();
  return {
    url,
    metricsUrl:
      typeof metricsAddress === 'object' && metricsAddress
        ? `http://${config.metrics.host.includes(':') ? `[${config.metrics.host}]` : config.metrics.host}:${metricsAddress.port}/metrics`
        : undefined,
    async close() {
      stopNightly();
      await stopRetention();
      await stopNewsletter();
      await stopInboxRetention();
      await stopChannels();
      await stopLog();
      await stopContactRetention();
      await stopAnchoring();
      metricsServer?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
      server.closeIdleConnections();
      await closed;
      await composition.close();
    },
  };
}

/** The metrics listener, when TUIDANG_METRICS_PORT is set (docs/operations.md, "Metrics"); a port already taken stops the start. */
async function startMetricsServer(config: Config, metrics: Metrics, logger: Logger): Promise<Server | undefined> {
  const { port, host } = config.metrics;
  if (port === undefined) return undefined;
  const server = createMetricsServer(metrics, logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  logger.info({ port: (server.address() as { port: number }).port, host }, 'metrics listening');
  return server;
}
