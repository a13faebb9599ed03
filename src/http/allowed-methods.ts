import { RegExpRouter } from 'hono/router/reg-exp-router';
import type { RouterRoute } from 'hono/types';

/**
 * The methods the app serves a path with, read from its own route table once
 * every route is registered: what a 405 lists in `Allow`. Middleware (method
 * ALL) serves no method by itself. HEAD comes with every GET (hono answers it
 * from the GET route). The table is a router of its own, built from the same
 * patterns as the app's, so it compiles to one regular expression just as the
 * app's does; it is consulted only for requests that found no route.
 */
export function allowedMethods(routes: readonly RouterRoute[]): (path: string) => string[] {
  const table = new RegExpRouter<string>();
  for (const route of routes) if (route.method !== 'ALL') table.add('ALL', route.path, route.method);
  const lookup = (path: string): string[] => {
    // Not strict, like the app: a trailing slash is the same path.
    const routed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const methods = new Set(table.match('ALL', routed)[0].map(([method]) => method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
  lookup('/');
  return lookup;
}
