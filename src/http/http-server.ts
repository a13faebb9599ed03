import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '../logging/logger.ts';
import type { DeclarationService } from '../services/declaration-service.ts';
import { failureOf } from './answers.ts';
import type { createApp } from './app.ts';
import { fastLanesFirst } from './fast-lane/fast-lanes.ts';
import { observeFastLanes } from './fast-lane/lane-metrics.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { PreparedRoutes } from './fast-lane/prepared-routes.ts';

/**
 * The node HTTP server for the app: the fast lanes (fast-lane/fast-lanes.ts)
 * first, then everything else through hono.
 */
export function createHttpServer(
  app: ReturnType<typeof createApp>,
  prepared: PreparedRoutes,
  declarations: DeclarationService,
  logger: Logger,
  hostname?: string,
  metrics?: Metrics,
): Server {
  const throughHono = settled(getRequestListener(app.fetch, { hostname }), logger);
  const lanes = (fallback: RequestListener) => fastLanesFirst(prepared, declarations, fallback, logger);
  return createServer(metrics ? observeFastLanes(metrics, lanes, throughHono) : lanes(throughHono));
}

/**
 * Hono's listener answers errors of the app itself; one that escapes it (writing the answer) would
 * reject a promise node's server ignores. It is logged, and the response ended so the client is not
 * left waiting.
 */
export function settled(
  listener: (request: IncomingMessage, response: ServerResponse) => Promise<unknown>,
  logger: Logger,
): RequestListener {
  return (request, response) => {
    listener(request, response).catch((error: unknown) => {
      failureOf(error, logger, { route: 'hono' });
      response.destroy();
    });
  };
}
