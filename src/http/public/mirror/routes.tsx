import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { pageProps, renderPage } from '../../render.ts';
import { ElsewherePage } from './views/elsewhere-page.tsx';

/**
 * The pages a static mirror serves in place of the declare form and the receipt lookup, which need
 * this server (docs/mirror.md). `tuidang mirror export` writes them at /declare and /receipt; here
 * they are also a list of the sites that take declarations.
 */
export function mirrorRoutes(addresses: readonly string[]) {
  const routes = new Hono<AppEnv>();
  for (const kind of ['declare', 'receipt'] as const) {
    routes.get(`/mirror/${kind}`, (c) => renderPage(c, <ElsewherePage {...pageProps(c)} kind={kind} addresses={addresses} />));
  }
  return routes;
}
