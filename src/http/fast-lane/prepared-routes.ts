import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../../logging/logger.ts';
import type { PreparedResponse } from './prepared-response.ts';

/** The prepared response for a path while it is current, or undefined when it must be read or rendered again. */
export type Peek = () => PreparedResponse | undefined;
type PatternPeek = (match: RegExpExecArray) => PreparedResponse | undefined;

/**
 * The busiest public GETs — counter, home, permalinks — answered before the
 * request reaches hono, straight from the prepared response the hono route
 * itself serves. Each route registers a peek beside its handler that returns
 * that response only while the handler would serve it unchanged (within the
 * route's own staleness bound, never after a change this process knows of), so
 * both answers are the same bytes; when a peek has nothing, or the request is
 * anything but a plain GET of a registered path (HEAD, a query string, another
 * spelling of the path), it goes through the whole stack as usual.
 *
 * What is skipped is safe to skip for these responses: their security headers
 * are part of the prepared record, a GET needs no body limit, their locale is
 * in the path, and they carry no per-request header.
 */
export class PreparedRoutes {
  readonly #exact = new Map<string, Peek>();
  readonly #patterns: { pattern: RegExp; peek: PatternPeek }[] = [];

  /** A path served as is, e.g. `/api/v1/counter`. */
  add(path: string, peek: Peek): void {
    this.#exact.set(path, peek);
  }

  /** Paths matching an anchored pattern, e.g. permalinks; the peek gets the match. */
  addPattern(pattern: RegExp, peek: PatternPeek): void {
    if (!pattern.source.startsWith('^') || !pattern.source.endsWith('$'))
      throw new Error(`prepared route pattern must be anchored: ${pattern}`);
    this.#patterns.push({ pattern, peek });
  }

  /** The prepared response for a request target, if one is current. */
  find(target: string): PreparedResponse | undefined {
    const exact = this.#exact.get(target);
    if (exact) return exact();
    for (const { pattern, peek } of this.#patterns) {
      const match = pattern.exec(target);
      if (match) return peek(match);
    }
    return undefined;
  }
}

/**
 * A node request listener that serves prepared routes itself and hands every
 * other request to `fallback` (the hono app). Like the request log, it logs
 * each request at debug level and nothing about who sent it.
 */
export function preparedFirst(routes: PreparedRoutes, fallback: RequestListener, logger: Logger): RequestListener {
  return (request: IncomingMessage, response: ServerResponse) => {
    const prepared = request.method === 'GET' && request.url !== undefined ? findOrNothing(routes, request.url) : undefined;
    if (!prepared) return fallback(request, response);
    if (request.headers['if-none-match'] === prepared.etag) response.writeHead(304, prepared.notModifiedHeaders).end();
    else response.writeHead(200, prepared.headers).end(prepared.body);
    if (logger.isLevelEnabled('debug')) logger.debug({ method: 'GET', route: 'prepared', status: response.statusCode, ms: 0 }, 'request');
  };
}

/** A peek that throws sends the request the long way, where the app answers it and logs the error. */
function findOrNothing(routes: PreparedRoutes, target: string): PreparedResponse | undefined {
  try {
    return routes.find(target);
  } catch {
    return undefined;
  }
}
