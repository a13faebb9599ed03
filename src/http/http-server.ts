import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '../logging/logger.ts';
import type { createApp } from './app.ts';
import { preparedFirst, type PreparedRoutes } from './prepared-routes.ts';

/** The node HTTP server for the app: the prepared routes first, everything else through hono. */
export function createHttpServer(app: ReturnType<typeof createApp>, prepared: PreparedRoutes, logger: Logger, hostname?: string): Server {
  return createServer(preparedFirst(prepared, getRequestListener(app.fetch, { hostname }), logger));
}
