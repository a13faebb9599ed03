import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '../logging/logger.ts';
import type { DeclarationService } from '../services/declaration-service.ts';
import type { createApp } from './app.ts';
import { fastLanesFirst } from './fast-lane/fast-lanes.ts';
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
): Server {
  const throughHono = getRequestListener(app.fetch, { hostname });
  return createServer(fastLanesFirst(prepared, declarations, throughHono, logger));
}
