import type { Server } from 'node:http';
import { createServices } from './composition.ts';
import type { Config } from './config.ts';
import { createApp } from './http/app.ts';
import { createHttpServer } from './http/http-server.ts';
import { PreparedRoutes } from './http/fast-lane/prepared-routes.ts';
import { scheduleNightlyReconcile } from './jobs/nightly-reconcile.ts';
import { scheduleOutreachRetention } from './jobs/outreach-retention.ts';
import { scheduleNewsletterSending } from './jobs/newsletter-sending.ts';
import { scheduleInboxRetention } from './jobs/inbox-retention.ts';
import { scheduleLogBatches } from './jobs/log-batches.ts';
import { createLogger, type Logger } from './logging/logger.ts';
import { startInboundChannels } from './jobs/inbound-channels.ts';

export interface RunningServer {
  readonly url: string;
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
    const started = createHttpServer(app, prepared, services.declarations, logger, config.host).listen(config.port, config.host, () =>
      resolve(started),
    );
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
  return {
    url,
    async close() {
      stopNightly();
      await stopRetention();
      await stopNewsletter();
      await stopInboxRetention();
      await stopChannels();
      await stopLog();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
      server.closeIdleConnections();
      await closed;
      await composition.close();
    },
  };
}
