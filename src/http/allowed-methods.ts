import { RegExpRouter } from 'hono/router/reg-exp-router';
import type { RouterRoute } from 'hono/types';

/**
 * The methods the app serves a path with, read from its own route table once
 * every route is registered: what a 405 lists in `Allow`. Middleware (method
 * ALL) serves no method by itself. HEAD comes with every GET (hono answers it
 * from the GET route). The table is a router of its own, built from the same
 * patterns and methods as the app's, so it compiles per method just as the
 * app's does (one pattern with a static segment where another method's has a
 * parameter is fine there, and would not be in one method's table); it is
 * consulted only for requests that found no route.
 */
export function allowedMethods(routes: readonly RouterRoute[]): (path: string) => string[] {
  const table = new RegExpRouter<string>();
  const served = new Set<string>();
  for (const route of routes) {
    if (route.method === 'ALL') continue;
    table.add(route.method, route.path, route.method);
    served.add(route.method);
  }
  const lookup = (path: string): string[] => {
    // Not strict, like the app: a trailing slash is the same path.
    const routed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const methods = new Set([...served].filter((method) => table.match(method, routed)[0].length > 0));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
  lookup('/');
  return lookup;
}
