import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '../logging/logger.ts';
import type { DeclarationService } from '../services/declaration-service.ts';
import { failureOf } from './answers.ts';
import type { createApp } from './app.ts';
import { DEFAULT_MAX_CONNECTIONS, guardConnections, SERVER_OPTIONS } from './connection-guard.ts';
import { fastLanesFirst } from './fast-lane/fast-lanes.ts';
import { observeFastLanes } from './fast-lane/lane-metrics.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { PreparedRoutes } from './fast-lane/prepared-routes.ts';

/** What the server holds and tells browsers at its edge (config.ts reads it as `edge`). */
export interface Edge {
  readonly maxConnections: number;
  /** Send Strict-Transport-Security: the site is reached over https. */
  readonly hsts: boolean;
  /** Sent as Onion-Location, with the path of each page; undefined, none is sent. */
  readonly onionUrl: string | undefined;
}

/** A server on plain HTTP with no onion address, holding the default number of connections. */
const PLAIN_EDGE: Edge = { maxConnections: DEFAULT_MAX_CONNECTIONS, hsts: false, onionUrl: undefined };

/**
 * The node HTTP server for the app: the fast lanes (fast-lane/fast-lanes.ts)
 * first, then everything else through hono, with its connections guarded
 * (connection-guard.ts) and the headers that depend on how it is reached.
 */
export function createHttpServer(
  app: ReturnType<typeof createApp>,
  prepared: PreparedRoutes,
  declarations: DeclarationService,
  logger: Logger,
  hostname?: string,
  metrics?: Metrics,
  edge: Edge = PLAIN_EDGE,
): Server {
  const throughHono = settled(getRequestListener(app.fetch, { hostname }), logger);
  const lanes = (fallback: RequestListener) => fastLanesFirst(prepared, declarations, fallback, logger);
  const listener = metrics ? observeFastLanes(metrics, lanes, throughHono) : lanes(throughHono);
  const server = createServer(SERVER_OPTIONS, withEdgeHeaders(edge, listener));
  guardConnections(server, edge.maxConnections);
  return server;
}

/** Strict-Transport-Security with TLS (browsers ignore it on plain HTTP anyway), and Onion-Location when there is an onion address. */
const HSTS = 'max-age=31536000';

/**
 * Set on the node response before any lane writes it, so prepared answers, the submission lane
 * and hono's answers all carry them (writeHead merges them in).
 */
function withEdgeHeaders(edge: Edge, listener: RequestListener): RequestListener {
  if (!edge.hsts && edge.onionUrl === undefined) return listener;
  const { hsts, onionUrl } = edge;
  return (request, response) => {
    if (hsts) response.setHeader('Strict-Transport-Security', HSTS);
    // Tor Browser offers the onion address for the page being read, so the path comes along (never a query: none is logged or echoed).
    if (onionUrl !== undefined) response.setHeader('Onion-Location', onionUrl + (request.url ?? '/').split('?')[0]);
    listener(request, response);
  };
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
