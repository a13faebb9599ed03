import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The address a request came from, for the rate limits alone: they turn it at once into an HMAC
 * under a daily key held in memory (services/flood/address-keys.ts). It is never stored, logged or
 * passed anywhere else (docs/security.md, "What is never stored"). Behind a reverse proxy or an
 * onion service it is the proxy's, for everyone: a proven submission is never refused for it.
 * Proxy headers are never read. Undefined in tests that call the app without a socket.
 */
export function clientAddress(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}
