import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '../logging/logger.ts';
import type { DeclarationService } from '../services/declaration-service.ts';
import type { createApp } from './app.ts';
import { preparedFirst, type PreparedRoutes } from './prepared-routes.ts';
import { submissionsFirst } from './submission-lane.ts';

/**
 * The node HTTP server for the app, in this order: the prepared GETs, then
 * submissions that are valid as sent, then everything else through hono.
 */
export function createHttpServer(
  app: ReturnType<typeof createApp>,
  prepared: PreparedRoutes,
  declarations: DeclarationService,
  logger: Logger,
  hostname?: string,
): Server {
  const throughHono = getRequestListener(app.fetch, { hostname });
  return createServer(preparedFirst(prepared, submissionsFirst(declarations, throughHono, logger), logger));
}
