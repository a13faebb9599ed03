import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * How long a connection may hold the server without giving it a request to answer. Short on
 * purpose: a phone on a slow circumvention tool sends a few kilobytes of headers and a declaration
 * well within them, while a flooder's idle or trickling sockets are let go in seconds, not minutes.
 */
export const CONNECTION_LIMITS = {
  /** All of a request's headers must have arrived by then. */
  headersMs: 10_000,
  /** The whole request, headers and body (the body-read deadline). */
  requestMs: 20_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: 5_000,
  /** A socket with no traffic in either direction is closed after this. */
  idleSocketMs: 30_000,
  /** How often node looks for connections past the two first deadlines (its default, 30 s, doubles them). */
  checkEveryMs: 1_000,
} as const;

/** Connections one server holds at once, unless TUIDANG_MAX_CONNECTIONS says otherwise. */
export const DEFAULT_MAX_CONNECTIONS = 4096;

/**
 * Connections the kernel holds for the server before it accepts them (node's default is 511; Linux
 * caps it at net.core.somaxconn, 4096 by default). When that queue is full under a flood, the kernel
 * drops handshakes it cannot queue, honest ones as well, without the guard below ever seeing them:
 * queued, every connection reaches the guard, which lets the oldest idle ones go.
 */
export const LISTEN_BACKLOG = 4096;

/**
 * Holds the server to `maxConnections` open sockets. A plain cap (node's server.maxConnections)
 * refuses the newest connection once full, which lets one client with thousands of idle sockets
 * shut everyone else out. Here the newcomer is always let in, and to make room the oldest socket
 * that is not being answered is closed: one that has sent no request, is idle between requests,
 * or is still trickling a request's headers or body. A request whose body has fully arrived is
 * never cut, so an honest request in progress finishes whatever the flood.
 */
export function guardConnections(server: Server, maxConnections: number): void {
  server.headersTimeout = CONNECTION_LIMITS.headersMs;
  server.requestTimeout = CONNECTION_LIMITS.requestMs;
  server.keepAliveTimeout = CONNECTION_LIMITS.keepAliveMs;
  server.timeout = CONNECTION_LIMITS.idleSocketMs;
  // Insertion order is age: the first socket in the set that may be closed is the oldest one.
  const open = new Set<Socket>();
  const answering = new WeakMap<Socket, IncomingMessage>();
  const silent = new WeakMap<Socket, NodeJS.Timeout>();
  server.on('connection', (socket: Socket) => {
    if (open.size >= maxConnections) closeOldestIdle(open, answering);
    open.add(socket);
    // Node's header deadline starts at a request's first byte; a socket that never sends one gets the same.
    const timer = setTimeout(() => socket.destroy(), CONNECTION_LIMITS.headersMs).unref();
    silent.set(socket, timer);
    socket.once('close', () => {
      clearTimeout(timer);
      open.delete(socket);
    });
  });
  server.on('request', (request: IncomingMessage, response) => {
    clearTimeout(silent.get(request.socket));
    answering.set(request.socket, request);
    response.once('close', () => {
      if (answering.get(request.socket) === request) answering.delete(request.socket);
    });
  });
}

function closeOldestIdle(open: Set<Socket>, answering: WeakMap<Socket, IncomingMessage>): void {
  for (const socket of open) {
    const request = answering.get(socket);
    if (request?.complete) continue;
    open.delete(socket);
    socket.destroy();
    return;
  }
}

/** Node's option for how often it checks the header and request deadlines, given when the server is created. */
export const SERVER_OPTIONS = { connectionsCheckingInterval: CONNECTION_LIMITS.checkEveryMs } as const;
